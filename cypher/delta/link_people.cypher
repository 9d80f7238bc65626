// A delta load: the employer of people added, or whose employer changed (as
// load_people: only a link that changed is deleted).
UNWIND $rows AS row
MATCH (p:Person {personId: row.person_id})
OPTIONAL MATCH (p)-[old:WORKS_FOR]->(was:Organisation)
WHERE NOT coalesce(was.orgId = row.org_id, false)
DELETE old
WITH DISTINCT p, row
WHERE row.org_id IS NOT NULL
MATCH (o:Organisation {orgId: row.org_id})
MERGE (p)-[:WORKS_FOR]->(o)
