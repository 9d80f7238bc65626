// One MEMBER_OF relationship per membership row; membershipId is derived from the
// row's values, so loading the same workbook again changes nothing.
UNWIND $rows AS row
MATCH (p:Person {personId: row.person_id})
MATCH (g:Group {groupId: row.group_id})
MERGE (p)-[m:MEMBER_OF {membershipId: row.membership_id}]->(g)
SET m += row.extra, m.role = row.role, m.selection = row.selection,
    m.representsAreaId = row.represents_area_id,
    m.startDate = row.start_date, m.endDate = row.end_date
