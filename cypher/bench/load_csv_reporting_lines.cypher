// Benchmark baseline: as cypher/load_reporting_lines.cypher (lineId from the line number).
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MATCH (a:Group {groupId: row.from_group_id})
  MATCH (b:Group {groupId: row.to_group_id})
  MERGE (a)-[r:REPORTS_TO {lineId: 'r-' + toString(linenumber())}]->(b)
  SET r.kind = coalesce(row.kind, 'feeds_into'),
      r.twoWay = coalesce(toBoolean(row.two_way), true),
      r.startDate = date(row.start_date), r.endDate = date(row.end_date)
} IN TRANSACTIONS OF 5000 ROWS
