// The audit trail: loads (who loaded which file, its checksum, the counts) and erasures.
CALL () {
  MATCH (l:SmpLoad)
  RETURN l.loadedAt AS at, 'load' AS action, l.loadedBy AS by, l.source AS subject,
         l.checksum AS checksum, l.counts AS counts
  UNION ALL
  MATCH (a:SmpAudit)
  RETURN a.at AS at, a.action AS action, a.by AS by, a.subjectId AS subject,
         null AS checksum, null AS counts
}
RETURN at, action, by, subject, checksum, counts
ORDER BY at DESC
LIMIT $limit
