// People, $batch rows a record, in the order of the label scan.
// Each row holds the columns of loader/spec.py in its order (the id loader derives
// first): graph.read.read_query fills them in where the comment stands, the links
// as named there, the properties from the spec (dates as ISO text).
MATCH (p:Person)
WITH collect(p) AS people
UNWIND range(0, size(people) - 1, $batch) AS i
CALL (people, i) {
  UNWIND people[i..i + $batch] AS p
  OPTIONAL MATCH (p)-[:WORKS_FOR]->(o:Organisation)
  RETURN collect([/*columns of p; org_id: o.orgId*/]) AS rows
}
RETURN rows
