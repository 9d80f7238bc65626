// Areas, $batch rows a record, in the order of the label scan.
// Each row holds the columns of loader/spec.py in its order (the id loader derives
// first): graph.read.read_query fills them in where the comment stands, the links
// as named there, the properties from the spec (dates as ISO text).
MATCH (a:Area)
WITH collect(a) AS areas
UNWIND range(0, size(areas) - 1, $batch) AS i
CALL (areas, i) {
  UNWIND areas[i..i + $batch] AS a
  OPTIONAL MATCH (a)-[:WITHIN]->(parent:Area)
  RETURN collect([/*columns of a; parent_id: parent.areaId*/]) AS rows
}
RETURN rows
