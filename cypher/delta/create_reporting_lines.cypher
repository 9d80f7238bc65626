// A delta load: reporting lines the database does not have (by id), created with their
// properties (as create_memberships).
UNWIND $rows AS row
MATCH (a:Group {groupId: row.from_group_id})
MATCH (b:Group {groupId: row.to_group_id})
CREATE (a)-[r:REPORTS_TO]->(b)
SET r += row.props
