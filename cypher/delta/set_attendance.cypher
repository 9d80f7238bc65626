// A delta load: attendance added or changed (a person and a meeting: no id of its own),
// its properties as set_areas.
UNWIND $rows AS row
MATCH (p:Person {personId: row.person_id})
MATCH (m:Meeting {meetingId: row.meeting_id})
MERGE (p)-[a:ATTENDED]->(m)
SET a += row.props
