// Benchmark baseline: Neo4j's own LOAD CSV doing what cypher/load_areas.cypher does.
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MERGE (a:Area {areaId: row.area_id})
  SET a.name = row.name, a.type = row.type, a.dispersal = toBoolean(row.dispersal),
      a.leadPersonId = row.lead_person_id
} IN TRANSACTIONS OF 5000 ROWS
