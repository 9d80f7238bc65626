// Benchmark baseline: as cypher/load_area_parents.cypher, on an empty database.
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  WITH row WHERE row.parent_id IS NOT NULL
  MATCH (a:Area {areaId: row.area_id})
  MATCH (parent:Area {areaId: row.parent_id})
  MERGE (a)-[:WITHIN]->(parent)
} IN TRANSACTIONS OF 5000 ROWS
