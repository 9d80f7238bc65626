// Benchmark baseline, the update by MERGE: as load_csv_meetings.cypher, marking each
// record it sees with $stamp.
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MATCH (g:Group {groupId: row.group_id})
  MERGE (m:Meeting {meetingId: row.meeting_id})
  SET m.date = date(row.date), m.format = row.format, m.benchSeen = $stamp
  MERGE (m)-[:MEETING_OF]->(g)
} IN TRANSACTIONS OF 5000 ROWS
