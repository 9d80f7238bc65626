// A delta load: reporting lines in the database with other values (a line ended, made
// one-way...). Found by the id the database stores (row.db_id); as update_memberships.
UNWIND $rows AS row
MATCH (:Group)-[r:REPORTS_TO {lineId: row.db_id}]->(:Group)
USING INDEX SEEK r:REPORTS_TO(lineId)
SET r += row.props
