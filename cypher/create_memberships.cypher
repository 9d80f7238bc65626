// load_memberships.cypher for a database with no network yet: nothing to merge with,
// so CREATE with the properties in the pattern (no lock and index seek per row, no
// separate SET). The loader passes each membership id once (identical rows combined,
// as MERGE would leave them). Null values are not stored.
UNWIND $rows AS row
MATCH (p:Person {personId: row.person_id})
MATCH (g:Group {groupId: row.group_id})
CREATE (p)-[m:MEMBER_OF {membershipId: row.membership_id, role: row.role,
                         selection: row.selection, representsAreaId: row.represents_area_id,
                         startDate: date(row.start_date), endDate: date(row.end_date)}]->(g)
SET m += row.extra, m.membershipId = row.membership_id  // the key last
