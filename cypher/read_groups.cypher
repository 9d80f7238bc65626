// Groups, $batch rows a record, in the order of the label scan. Each row:
// group_id, name, level, kind, area_id, host_org_id, workstreams, meetings_per_year,
// confidential (graph.read.COLUMNS names them).
MATCH (g:Group)
WITH collect(g) AS groups
UNWIND range(0, size(groups) - 1, $batch) AS i
CALL (groups, i) {
  UNWIND groups[i..i + $batch] AS g
  OPTIONAL MATCH (g)-[:COVERS]->(a:Area)
  OPTIONAL MATCH (g)-[:HOSTED_BY]->(host:Organisation)
  RETURN collect([g.groupId, g.name, g.level, g.kind, a.areaId, host.orgId, g.workstreams,
                  g.meetingsPerYear, g.confidential]) AS rows
}
RETURN rows
