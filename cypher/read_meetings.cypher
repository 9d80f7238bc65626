// Meetings, $batch rows a record.
// Each row holds the columns of loader/spec.py in its order (the id loader derives
// first): graph.read.read_query fills them in where the comment stands, the links
// as named there, the properties from the spec (dates as ISO text).
MATCH (:Meeting)-[of:MEETING_OF]->(g:Group)
USING SCAN g:Group
WITH collect(of) AS links
UNWIND range(0, size(links) - 1, $batch) AS i
CALL (links, i) {
  UNWIND links[i..i + $batch] AS of
  WITH startNode(of) AS m, endNode(of) AS g
  RETURN collect([/*columns of m; group_id: g.groupId*/]) AS rows
}
RETURN rows
