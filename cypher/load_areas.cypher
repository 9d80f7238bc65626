UNWIND $rows AS row
MERGE (a:Area {areaId: row.area_id})
SET a += row.extra, a.name = row.name, a.type = row.type
