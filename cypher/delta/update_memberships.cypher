// A delta load: memberships whose seat is in the database with other values (a term
// extended, a rep elected...). Found by the id the database stores ($rows: db_id),
// they take the workbook's values and id. --replace ($reset): extra columns the new
// row no longer has are removed.
UNWIND $rows AS row
MATCH ()-[m:MEMBER_OF {membershipId: row.db_id}]->()
FOREACH (key IN CASE WHEN $reset THEN keys(m) ELSE [] END |
  FOREACH (_ IN CASE WHEN key IN ['membershipId', 'role', 'selection', 'representsAreaId', 'startDate', 'endDate'] OR key IN keys(row.extra) THEN [] ELSE [1] END |
    REMOVE m[key]))
SET m += row.extra, m.role = row.role, m.selection = row.selection,
    m.representsAreaId = row.represents_area_id,
    m.startDate = date(row.start_date), m.endDate = date(row.end_date),
    m.membershipId = row.membership_id  // the key last: no extra column can replace it
