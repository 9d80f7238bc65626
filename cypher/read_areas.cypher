// Areas, $batch rows a record, in the order of the label scan. Each row:
// area_id, name, type, parent_id (graph.read.COLUMNS names them).
MATCH (a:Area)
WITH collect(a) AS areas
UNWIND range(0, size(areas) - 1, $batch) AS i
CALL (areas, i) {
  UNWIND areas[i..i + $batch] AS a
  OPTIONAL MATCH (a)-[:WITHIN]->(parent:Area)
  RETURN collect([a.areaId, a.name, a.type, parent.areaId]) AS rows
}
RETURN rows
