UNWIND $rows AS row
MERGE (a:Area {areaId: row.area_id})
// --replace ($reset): drop extra columns the new row no longer has.
FOREACH (key IN CASE WHEN $reset THEN keys(a) ELSE [] END |
  FOREACH (_ IN CASE WHEN key IN ['areaId', 'name', 'type', 'dispersal', 'leadPersonId'] OR key IN keys(row.extra) THEN [] ELSE [1] END |
    REMOVE a[key]))
SET a += row.extra, a.name = row.name, a.type = row.type, a.dispersal = row.dispersal,
    a.leadPersonId = row.lead_person_id,
    a.areaId = row.area_id  // the key last: no extra column can replace it
