MATCH (m:Meeting)-[:MEETING_OF]->(g:Group)
RETURN m.meetingId AS meeting_id, g.groupId AS group_id, m.date AS date, m.format AS format
