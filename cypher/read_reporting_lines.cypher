// Reporting lines, one record per group they lead to (possibly none). Each row:
// line_id, from_group_id, to_group_id, kind, two_way, start_date, end_date
// (graph.read.COLUMNS names them; dates as ISO text).
MATCH (b:Group)
CALL (b) {
  MATCH (a:Group)-[r:REPORTS_TO]->(b)
  RETURN collect([r.lineId, a.groupId, b.groupId, r.kind, r.twoWay, toString(r.startDate),
                  toString(r.endDate)]) AS rows
}
RETURN rows
