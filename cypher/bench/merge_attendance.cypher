// Benchmark baseline, the update by MERGE: as load_csv_attendance.cypher, marking
// each record it sees with $stamp.
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MATCH (p:Person {personId: row.person_id})
  MATCH (m:Meeting {meetingId: row.meeting_id})
  MERGE (p)-[a:ATTENDED]->(m)
  SET a.attended = coalesce(toBoolean(row.attended), true), a.benchSeen = $stamp
} IN TRANSACTIONS OF 5000 ROWS
