// The last loads with what each changed (smp history, the Data page, the report).
MATCH (l:SmpLoad)
WHERE coalesce(l.status, 'complete') = 'complete'
RETURN toString(l.loadedAt) AS at, l.loadedBy AS by, l.source AS source,
       coalesce(l.replace, false) AS replace, l.changes AS changes, l.checksum AS checksum,
       l.loadId AS load_id, EXISTS { MATCH (:SmpUndo {loadId: l.loadId}) } AS revertible
ORDER BY l.loadedAt DESC
LIMIT $limit
