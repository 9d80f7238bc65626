// A load committed in several transactions that has not finished ('running') or
// stopped half way ('failed'), unless a later complete load made good: one of the
// same file (loads are idempotent) or a --replace. Readers refuse the network then.
MATCH (l:SmpLoad)
WHERE l.status IN ['running', 'failed']
  AND NOT EXISTS {
    MATCH (later:SmpLoad)
    WHERE later.status = 'complete' AND later.loadedAt > l.loadedAt
      AND (later.replace OR later.checksum = l.checksum)
  }
RETURN l.source AS source, l.status AS status, l.loadedBy AS loaded_by,
       toString(l.startedAt) AS started_at, l.transactions AS transactions
ORDER BY l.loadedAt DESC
LIMIT 1
