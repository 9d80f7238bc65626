// A delta load: memberships whose seat is in the database with other values (a term
// extended, a rep elected...). Found by the id the database stores (row.db_id), they
// take the workbook's values and id (row.props, as set_areas). USING INDEX SEEK: see
// delete_removed.
UNWIND $rows AS row
MATCH ()-[m:MEMBER_OF {membershipId: row.db_id}]->()
USING INDEX SEEK m:MEMBER_OF(membershipId)
SET m += row.props
