// Organisations, $batch rows a record, in the order of the label scan. Each row:
// org_id, name, sector, area_id, parent_org_id (graph.read.COLUMNS names them).
MATCH (o:Organisation)
WITH collect(o) AS organisations
UNWIND range(0, size(organisations) - 1, $batch) AS i
CALL (organisations, i) {
  UNWIND organisations[i..i + $batch] AS o
  OPTIONAL MATCH (o)-[:BASED_IN]->(a:Area)
  OPTIONAL MATCH (o)-[:PART_OF]->(parent:Organisation)
  RETURN collect([o.orgId, o.name, o.sector, a.areaId, parent.orgId]) AS rows
}
RETURN rows
