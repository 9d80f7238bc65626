// Benchmark baseline: as cypher/load_organisations.cypher.
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MERGE (o:Organisation {orgId: row.org_id})
  SET o.name = row.name, o.sector = row.sector
} IN TRANSACTIONS OF 5000 ROWS
