// load_memberships.cypher for a database with no network yet: nothing to merge with,
// so CREATE (no lock and index seek per row). The loader passes each membership id
// once (the last of identical rows, as MERGE would leave it).
UNWIND $rows AS row
MATCH (p:Person {personId: row.person_id})
MATCH (g:Group {groupId: row.group_id})
CREATE (p)-[m:MEMBER_OF {membershipId: row.membership_id}]->(g)
SET m += row.extra, m.role = row.role, m.selection = row.selection,
    m.representsAreaId = row.represents_area_id,
    m.startDate = date(row.start_date), m.endDate = date(row.end_date)
