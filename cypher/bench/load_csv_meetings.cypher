// Benchmark baseline: as cypher/load_meetings.cypher.
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MATCH (g:Group {groupId: row.group_id})
  MERGE (m:Meeting {meetingId: row.meeting_id})
  SET m.date = date(row.date), m.format = row.format
  MERGE (m)-[:MEETING_OF]->(g)
} IN TRANSACTIONS OF 5000 ROWS
