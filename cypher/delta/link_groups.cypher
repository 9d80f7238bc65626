// A delta load: the area and host of groups added, or whose area or host changed (as
// load_groups: only links that changed are deleted).
UNWIND $rows AS row
MATCH (g:Group {groupId: row.group_id})
OPTIONAL MATCH (g)-[old:COVERS|HOSTED_BY]->(was)
WHERE CASE type(old)
        WHEN 'COVERS' THEN NOT coalesce(was.areaId = row.area_id, false)
        ELSE NOT coalesce(was.orgId = row.host_org_id, false)
      END
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
