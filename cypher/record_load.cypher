// The load audit: who loaded which file, its checksum, the counts and when.
CREATE (l:SmpLoad {loadId: $load_id})
SET l.source = $source, l.checksum = $checksum, l.loadedBy = $loaded_by,
    l.loadedAt = datetime(), l.replace = $replace, l.counts = $counts
