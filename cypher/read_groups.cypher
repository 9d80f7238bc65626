// Groups, $batch rows a record, in the order of the label scan.
// Each row holds the columns of loader/spec.py in its order (the id loader derives
// first): graph.read.read_query fills them in where the comment stands, the links
// as named there, the properties from the spec (dates as ISO text).
MATCH (g:Group)
WITH collect(g) AS groups
UNWIND range(0, size(groups) - 1, $batch) AS i
CALL (groups, i) {
  UNWIND groups[i..i + $batch] AS g
  OPTIONAL MATCH (g)-[:COVERS]->(a:Area)
  OPTIONAL MATCH (g)-[:HOSTED_BY]->(host:Organisation)
  RETURN collect([/*columns of g; area_id: a.areaId, host_org_id: host.orgId*/]) AS rows
}
RETURN rows
