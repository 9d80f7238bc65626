// A delta load: areas added or changed, their properties set as the workbook has them
// (row.props from loader.write._set_row: null for the properties to remove). Their
// parents are load_area_parents', sent only for areas added with one or whose
// parent changed.
UNWIND $rows AS row
MERGE (a:Area {areaId: row.area_id})
SET a += row.props
