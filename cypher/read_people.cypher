// People, $batch rows a record, in the order of the label scan. Each row:
// person_id, name, org_id, email, phone (graph.read.COLUMNS names them).
MATCH (p:Person)
WITH collect(p) AS people
UNWIND range(0, size(people) - 1, $batch) AS i
CALL (people, i) {
  UNWIND people[i..i + $batch] AS p
  OPTIONAL MATCH (p)-[:WORKS_FOR]->(o:Organisation)
  RETURN collect([p.personId, p.name, o.orgId, p.email, p.phone]) AS rows
}
RETURN rows
