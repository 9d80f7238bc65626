UNWIND $rows AS row
MATCH (a:Group {groupId: row.from_group_id})
MATCH (b:Group {groupId: row.to_group_id})
MERGE (a)-[r:REPORTS_TO {lineId: row.line_id}]->(b)
SET r += row.extra, r.kind = row.kind, r.twoWay = row.two_way,
    r.startDate = row.start_date, r.endDate = row.end_date
