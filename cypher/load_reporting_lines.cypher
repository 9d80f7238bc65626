UNWIND $rows AS row
MATCH (a:Group {groupId: row.from_group_id})
MATCH (b:Group {groupId: row.to_group_id})
MERGE (a)-[r:REPORTS_TO {lineId: row.line_id}]->(b)
// --replace ($reset): drop extra columns the new row no longer has.
FOREACH (key IN CASE WHEN $reset THEN keys(r) ELSE [] END |
  FOREACH (_ IN CASE WHEN key IN ['lineId', 'kind', 'twoWay', 'startDate', 'endDate'] OR key IN keys(row.extra) THEN [] ELSE [1] END |
    REMOVE r[key]))
SET r += row.extra, r.kind = row.kind, r.twoWay = row.two_way,
    r.startDate = date(row.start_date), r.endDate = date(row.end_date),
    r.lineId = row.line_id  // the key last: no extra column can replace it
