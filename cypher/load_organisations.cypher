UNWIND $rows AS row
MERGE (o:Organisation {orgId: row.org_id})
SET o += row.extra, o.name = row.name, o.sector = row.sector
