UNWIND $rows AS row
MATCH (p:Person {personId: row.person_id})
MATCH (m:Meeting {meetingId: row.meeting_id})
MERGE (p)-[a:ATTENDED]->(m)
SET a += row.extra, a.attended = row.attended
