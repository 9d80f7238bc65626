// A re-load moves an area to its new parent: the old WITHIN link goes (only if it
// changed: deleted relationships slow later index seeks of the same transaction).
UNWIND $rows AS row
MATCH (a:Area {areaId: row.area_id})
OPTIONAL MATCH (a)-[old:WITHIN]->(was:Area)
WHERE NOT coalesce(was.areaId = row.parent_id, false)
DELETE old
WITH DISTINCT a, row
WHERE row.parent_id IS NOT NULL
MATCH (parent:Area {areaId: row.parent_id})
MERGE (a)-[:WITHIN]->(parent)
