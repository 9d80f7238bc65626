// A delta load: groups added or changed, their properties as set_areas; the areas they
// cover and their hosts (link_groups) only where those are new or changed.
UNWIND $rows AS row
MERGE (g:Group {groupId: row.group_id})
SET g += row.props
