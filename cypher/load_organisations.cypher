UNWIND $rows AS row
MERGE (o:Organisation {orgId: row.org_id})
// --replace ($reset): drop extra columns the new row no longer has.
FOREACH (key IN CASE WHEN $reset THEN keys(o) ELSE [] END |
  FOREACH (_ IN CASE WHEN key IN ['orgId', 'name', 'sector'] OR key IN keys(row.extra) THEN [] ELSE [1] END |
    REMOVE o[key]))
SET o += row.extra, o.name = row.name, o.sector = row.sector,
    o.orgId = row.org_id  // the key last: no extra column can replace it
