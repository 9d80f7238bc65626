// Group rules, $batch rows a record, as read_areas.cypher.
MATCH (r:GroupRule)
WITH collect(r) AS rules
UNWIND range(0, size(rules) - 1, $batch) AS i
CALL (rules, i) {
  UNWIND rules[i..i + $batch] AS r
  RETURN collect([/*columns of r*/]) AS rows
}
RETURN rows
