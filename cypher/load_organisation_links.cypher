UNWIND $rows AS row
MATCH (o:Organisation {orgId: row.org_id})
// Only links that changed are deleted (deleted relationships slow later seeks).
OPTIONAL MATCH (o)-[old:BASED_IN|PART_OF]->(was)
WHERE CASE type(old)
        WHEN 'BASED_IN' THEN NOT coalesce(was.areaId = row.area_id, false)
        ELSE NOT coalesce(was.orgId = row.parent_org_id, false)
      END
DELETE old
WITH DISTINCT o, row
CALL (o, row) {
  WITH o, row WHERE row.area_id IS NOT NULL
  MATCH (a:Area {areaId: row.area_id})
  MERGE (o)-[:BASED_IN]->(a)
}
CALL (o, row) {
  WITH o, row WHERE row.parent_org_id IS NOT NULL
  MATCH (parent:Organisation {orgId: row.parent_org_id})
  MERGE (o)-[:PART_OF]->(parent)
}
