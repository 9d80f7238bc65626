UNWIND $rows AS row
MATCH (p:Person {personId: row.person_id})
MATCH (m:Meeting {meetingId: row.meeting_id})
MERGE (p)-[a:ATTENDED]->(m)
// --replace ($reset): drop extra columns the new row no longer has.
FOREACH (key IN CASE WHEN $reset THEN keys(a) ELSE [] END |
  FOREACH (_ IN CASE WHEN key IN ['attended'] OR key IN keys(row.extra) THEN [] ELSE [1] END |
    REMOVE a[key]))
SET a += row.extra, a.attended = row.attended
