// Benchmark baseline, the update by MERGE: as load_csv_people.cypher, marking each
// record it sees with $stamp.
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MERGE (p:Person {personId: row.person_id})
  SET p.name = row.name, p.email = row.email, p.phone = row.phone, p.jobTitle = row.job_title,
      p.councillor = toBoolean(row.councillor), p.party = row.party, p.benchSeen = $stamp
  WITH p, row
  WHERE row.org_id IS NOT NULL
  MATCH (o:Organisation {orgId: row.org_id})
  MERGE (p)-[:WORKS_FOR]->(o)
} IN TRANSACTIONS OF 5000 ROWS
