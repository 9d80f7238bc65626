// A delta load: organisations added or changed, their properties as set_areas; their
// places and parents (load_organisation_links) only where those are new or changed.
UNWIND $rows AS row
MERGE (o:Organisation {orgId: row.org_id})
SET o += row.props
