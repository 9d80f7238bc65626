// A delta load: group rules added or changed (found by the id the database stores,
// as memberships are), their properties as set_areas.
UNWIND $rows AS row
MERGE (r:GroupRule {ruleId: coalesce(row.db_id, row.rule_id)})
SET r += row.props
