// Benchmark baseline: as cypher/load_organisation_links.cypher, on an empty database.
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MATCH (o:Organisation {orgId: row.org_id})
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
} IN TRANSACTIONS OF 5000 ROWS
