MATCH (p:Person)
OPTIONAL MATCH (p)-[:WORKS_FOR]->(o:Organisation)
RETURN p.personId AS person_id, p.name AS name, o.orgId AS org_id, p.email AS email,
       p.phone AS phone
