// Benchmark baseline: as cypher/load_attendance.cypher (a blank attended is true).
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MATCH (p:Person {personId: row.person_id})
  MATCH (m:Meeting {meetingId: row.meeting_id})
  MERGE (p)-[a:ATTENDED]->(m)
  SET a.attended = coalesce(toBoolean(row.attended), true)
} IN TRANSACTIONS OF 5000 ROWS
