// A delta load: the group of meetings added, or whose group changed (as load_meetings).
UNWIND $rows AS row
MATCH (m:Meeting {meetingId: row.meeting_id})
MATCH (g:Group {groupId: row.group_id})
OPTIONAL MATCH (m)-[old:MEETING_OF]->(was:Group)
WHERE was <> g
DELETE old
WITH DISTINCT m, g
MERGE (m)-[:MEETING_OF]->(g)
