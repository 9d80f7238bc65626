// The audit trail: loads (who loaded which file, its checksum, the counts), erasures
// (a keyed reference, never the id) and people added back on purpose.
CALL () {
  MATCH (l:SmpLoad)
  RETURN l.loadedAt AS at, 'load' AS action, l.loadedBy AS by, l.source AS subject,
         l.checksum AS checksum, l.counts AS counts, true AS found
  UNION ALL
  MATCH (a:SmpAudit)
  RETURN a.at AS at, a.action AS action, a.by AS by, a.subjectRef AS subject,
         null AS checksum, null AS counts, coalesce(a.found, true) AS found
}
RETURN at, action, by, subject, checksum, counts, found
ORDER BY at DESC
LIMIT $limit
