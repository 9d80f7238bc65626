// Rounds of elections, $batch rows a record, as read_areas.cypher.
MATCH (e:Election)
WITH collect(e) AS rounds
UNWIND range(0, size(rounds) - 1, $batch) AS i
CALL (rounds, i) {
  UNWIND rounds[i..i + $batch] AS e
  RETURN collect([/*columns of e*/]) AS rows
}
RETURN rows
