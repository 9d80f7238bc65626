UNWIND $rows AS row
MERGE (p:Person {personId: row.person_id})
SET p += row.extra, p.name = row.name, p.email = row.email, p.phone = row.phone
WITH p, row
OPTIONAL MATCH (p)-[old:WORKS_FOR]->(:Organisation)
DELETE old
WITH DISTINCT p, row
WHERE row.org_id IS NOT NULL
MATCH (o:Organisation {orgId: row.org_id})
MERGE (p)-[:WORKS_FOR]->(o)
