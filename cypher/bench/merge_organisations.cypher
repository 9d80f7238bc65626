// Benchmark baseline, the update by MERGE: as load_csv_organisations.cypher, marking
// each record it sees with $stamp.
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MERGE (o:Organisation {orgId: row.org_id})
  SET o.name = row.name, o.sector = row.sector, o.benchSeen = $stamp
} IN TRANSACTIONS OF 5000 ROWS
