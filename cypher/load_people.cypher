UNWIND $rows AS row
MERGE (p:Person {personId: row.person_id})
// --replace ($reset): drop extra columns the new row no longer has.
FOREACH (key IN CASE WHEN $reset THEN keys(p) ELSE [] END |
  FOREACH (_ IN CASE WHEN key IN ['personId', 'name', 'email', 'phone', 'councillor', 'party'] OR key IN keys(row.extra) THEN [] ELSE [1] END |
    REMOVE p[key]))
SET p += row.extra, p.name = row.name, p.email = row.email, p.phone = row.phone,
    p.councillor = row.councillor, p.party = row.party,
    p.personId = row.person_id  // the key last: no extra column can replace it
WITH p, row
// Only a link that changed is deleted: deleted relationships slow every later
// relationship-index seek of the transaction (the memberships' MERGE).
OPTIONAL MATCH (p)-[old:WORKS_FOR]->(was:Organisation)
WHERE NOT coalesce(was.orgId = row.org_id, false)
DELETE old
WITH DISTINCT p, row
WHERE row.org_id IS NOT NULL
MATCH (o:Organisation {orgId: row.org_id})
MERGE (p)-[:WORKS_FOR]->(o)
