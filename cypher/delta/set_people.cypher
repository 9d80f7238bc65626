// A delta load: people added or changed, their properties as set_areas; their
// employers (link_people) only where those are new or changed.
UNWIND $rows AS row
MERGE (p:Person {personId: row.person_id})
SET p += row.props
