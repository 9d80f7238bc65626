UNWIND $rows AS row
MERGE (g:Group {groupId: row.group_id})
SET g += row.extra, g.name = row.name, g.level = row.level, g.kind = row.kind,
    g.workstreams = row.workstreams, g.meetingsPerYear = row.meetings_per_year,
    g.confidential = row.confidential
WITH g, row
OPTIONAL MATCH (g)-[old:COVERS|HOSTED_BY]->()
DELETE old
WITH DISTINCT g, row
CALL (g, row) {
  WITH g, row WHERE row.area_id IS NOT NULL
  MATCH (a:Area {areaId: row.area_id})
  MERGE (g)-[:COVERS]->(a)
}
CALL (g, row) {
  WITH g, row WHERE row.host_org_id IS NOT NULL
  MATCH (host:Organisation {orgId: row.host_org_id})
  MERGE (g)-[:HOSTED_BY]->(host)
}
