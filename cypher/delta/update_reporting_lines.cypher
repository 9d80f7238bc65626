// A delta load: reporting lines in the database with other values (a line ended, made
// one-way...). Found by the id the database stores ($rows: db_id); as
// update_memberships.
UNWIND $rows AS row
MATCH (:Group)-[r:REPORTS_TO {lineId: row.db_id}]->(:Group)
FOREACH (key IN CASE WHEN $reset THEN keys(r) ELSE [] END |
  FOREACH (_ IN CASE WHEN key IN ['lineId', 'kind', 'twoWay', 'startDate', 'endDate'] OR key IN keys(row.extra) THEN [] ELSE [1] END |
    REMOVE r[key]))
SET r += row.extra, r.kind = row.kind, r.twoWay = row.two_way,
    r.startDate = date(row.start_date), r.endDate = date(row.end_date),
    r.lineId = row.line_id  // the key last: no extra column can replace it
