// A delta load: memberships the database does not have (by id), created with their
// properties (row.props, as set_areas: the key among them).
UNWIND $rows AS row
MATCH (p:Person {personId: row.person_id})
MATCH (g:Group {groupId: row.group_id})
CREATE (p)-[m:MEMBER_OF]->(g)
SET m += row.props
