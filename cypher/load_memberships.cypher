// One MEMBER_OF relationship per membership row; membershipId is derived from the
// row's values, so loading the same workbook again changes nothing.
UNWIND $rows AS row
MATCH (p:Person {personId: row.person_id})
MATCH (g:Group {groupId: row.group_id})
MERGE (p)-[m:MEMBER_OF {membershipId: row.membership_id}]->(g)
// --replace ($reset): drop extra columns the new row no longer has.
FOREACH (key IN CASE WHEN $reset THEN keys(m) ELSE [] END |
  FOREACH (_ IN CASE WHEN key IN ['membershipId', 'role', 'selection', 'representsAreaId', 'startDate', 'endDate'] OR key IN keys(row.extra) THEN [] ELSE [1] END |
    REMOVE m[key]))
SET m += row.extra, m.role = row.role, m.selection = row.selection,
    m.representsAreaId = row.represents_area_id,
    m.startDate = date(row.start_date), m.endDate = date(row.end_date),
    m.membershipId = row.membership_id  // the key last: no extra column can replace it
