UNWIND $rows AS row
MERGE (g:Group {groupId: row.group_id})
// --replace ($reset): drop extra columns the new row no longer has.
FOREACH (key IN CASE WHEN $reset THEN keys(g) ELSE [] END |
  FOREACH (_ IN CASE WHEN key IN ['groupId', 'name', 'level', 'kind', 'workstreams', 'meetingsPerYear', 'confidential'] OR key IN keys(row.extra) THEN [] ELSE [1] END |
    REMOVE g[key]))
SET g += row.extra, g.name = row.name, g.level = row.level, g.kind = row.kind,
    g.workstreams = row.workstreams, g.meetingsPerYear = row.meetings_per_year,
    g.confidential = row.confidential,
    g.groupId = row.group_id  // the key last: no extra column can replace it
WITH g, row
// Only links that changed are deleted (deleted relationships slow later seeks).
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
