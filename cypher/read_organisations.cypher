// Organisations, $batch rows a record, in the order of the label scan.
// Each row holds the columns of loader/spec.py in its order (the id loader derives
// first): graph.read.read_query fills them in where the comment stands, the links
// as named there, the properties from the spec (dates as ISO text).
MATCH (o:Organisation)
WITH collect(o) AS organisations
UNWIND range(0, size(organisations) - 1, $batch) AS i
CALL (organisations, i) {
  UNWIND organisations[i..i + $batch] AS o
  OPTIONAL MATCH (o)-[:BASED_IN]->(a:Area)
  OPTIONAL MATCH (o)-[:PART_OF]->(parent:Organisation)
  RETURN collect([/*columns of o; area_id: a.areaId, parent_org_id: parent.orgId*/]) AS rows
}
RETURN rows
