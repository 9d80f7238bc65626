MATCH (g:Group)
OPTIONAL MATCH (g)-[:COVERS]->(a:Area)
OPTIONAL MATCH (g)-[:HOSTED_BY]->(host:Organisation)
RETURN g.groupId AS group_id, g.name AS name, g.level AS level, g.kind AS kind,
       a.areaId AS area_id, host.orgId AS host_org_id, g.workstreams AS workstreams,
       g.meetingsPerYear AS meetings_per_year, g.confidential AS confidential
