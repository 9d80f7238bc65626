MATCH (a:Area)
OPTIONAL MATCH (a)-[:WITHIN]->(parent:Area)
RETURN a.areaId AS area_id, a.name AS name, a.type AS type, parent.areaId AS parent_id
