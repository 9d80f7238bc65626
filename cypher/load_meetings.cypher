UNWIND $rows AS row
MATCH (g:Group {groupId: row.group_id})
MERGE (m:Meeting {meetingId: row.meeting_id})
SET m += row.extra, m.date = row.date, m.format = row.format
WITH m, g
OPTIONAL MATCH (m)-[old:MEETING_OF]->(:Group)
DELETE old
WITH DISTINCT m, g
MERGE (m)-[:MEETING_OF]->(g)
