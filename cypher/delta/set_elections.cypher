// A delta load: rounds added or changed, their properties as set_areas.
UNWIND $rows AS row
MERGE (e:Election {electionId: row.election_id})
SET e += row.props
