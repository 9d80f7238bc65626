// Memberships, one record per group (its members' rows, possibly none).
// Each row holds the columns of loader/spec.py in its order (the id loader derives
// first): graph.read.read_query fills them in where the comment stands, the links
// as named there, the properties from the spec (dates as ISO text).
MATCH (g:Group)
CALL (g) {
  MATCH (p:Person)-[m:MEMBER_OF]->(g)
  RETURN collect([/*columns of m; person_id: p.personId, group_id: g.groupId*/]) AS rows
}
RETURN rows
