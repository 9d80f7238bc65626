MATCH (l:SmpLoad)
RETURN l.source AS source, l.checksum AS checksum, l.loadedAt AS loaded_at,
       l.loadedBy AS loaded_by
ORDER BY l.loadedAt DESC
LIMIT 1
