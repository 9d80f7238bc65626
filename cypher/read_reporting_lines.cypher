// Reporting lines, one record per group they lead to (possibly none).
// Each row holds the columns of loader/spec.py in its order (the id loader derives
// first): graph.read.read_query fills them in where the comment stands, the links
// as named there, the properties from the spec (dates as ISO text).
MATCH (b:Group)
CALL (b) {
  MATCH (a:Group)-[r:REPORTS_TO]->(b)
  RETURN collect([/*columns of r; from_group_id: a.groupId, to_group_id: b.groupId*/]) AS rows
}
RETURN rows
