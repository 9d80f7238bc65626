// A group's own rules (from its terms of reference), or a rule for every group of a
// kind: one GroupRule each, identified by what it sets (loader: core.identity.rule_ids),
// the group kept as its id.
UNWIND $rows AS row
MERGE (r:GroupRule {ruleId: row.rule_id})
// --replace ($reset): drop extra columns the new row no longer has.
FOREACH (key IN CASE WHEN $reset THEN keys(r) ELSE [] END |
  FOREACH (_ IN CASE WHEN key IN ['ruleId', 'groupId', 'kind', 'rule', 'sector', 'value'] OR key IN keys(row.extra) THEN [] ELSE [1] END |
    REMOVE r[key]))
SET r += row.extra, r.groupId = row.group_id, r.kind = row.kind, r.rule = row.rule,
    r.sector = row.sector, r.value = row.value,
    r.ruleId = row.rule_id  // the key last: no extra column can replace it
