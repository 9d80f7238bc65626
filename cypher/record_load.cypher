// The load audit: who loaded which file, its checksum, the counts, when, and whether
// it finished (a load committed in several transactions is 'running' until its end;
// 'failed' if it stopped half way). Loads before statuses existed have none: complete.
// $changes: what it changed, per sheet (JSON: added, changed, removed).
MERGE (l:SmpLoad {loadId: $load_id})
SET l.source = $source, l.checksum = $checksum, l.loadedBy = $loaded_by,
    l.startedAt = coalesce(l.startedAt, datetime()), l.loadedAt = datetime(),
    l.replace = $replace, l.counts = $counts, l.status = $status,
    l.transactions = $transactions, l.changes = $changes
