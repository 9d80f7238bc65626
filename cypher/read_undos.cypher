// Every complete load, newest first, with its undo when it kept one (loader.history).
MATCH (l:SmpLoad)
WHERE coalesce(l.status, 'complete') = 'complete'
OPTIONAL MATCH (u:SmpUndo {loadId: l.loadId})
RETURN l.loadId AS load_id, toString(l.loadedAt) AS at, l.source AS source, u.undo AS undo
ORDER BY l.loadedAt DESC
