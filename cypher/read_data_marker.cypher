// What the app checks on every run: the latest load and the latest erasure (to notice
// changes made anywhere: the command line, another app), and how sign-in was set up
// for this database (so that an app whose users file went missing fails closed).
// Cheap: a few audit nodes, no network data.
CALL () {
  OPTIONAL MATCH (l:SmpLoad)
  WITH l ORDER BY l.loadedAt DESC
  LIMIT 1
  RETURN l
}
CALL () {
  OPTIONAL MATCH (a:SmpAudit)
  RETURN count(a) AS audits, max(a.at) AS audited_at
}
CALL () {
  OPTIONAL MATCH (s:SmpSetting {name: 'sign_in'})
  RETURN s.value AS sign_in
}
RETURN l.loadId AS load_id, l.status AS status, toString(l.loadedAt) AS loaded_at,
       l.source AS source, l.loadedBy AS loaded_by, audits, toString(audited_at) AS audited_at,
       sign_in
