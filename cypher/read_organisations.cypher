MATCH (o:Organisation)
OPTIONAL MATCH (o)-[:BASED_IN]->(a:Area)
OPTIONAL MATCH (o)-[:PART_OF]->(parent:Organisation)
RETURN o.orgId AS org_id, o.name AS name, o.sector AS sector, a.areaId AS area_id,
       parent.orgId AS parent_org_id
