// Benchmark baseline, the update by MERGE: as load_csv_groups.cypher, marking each
// record it sees with $stamp.
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MERGE (g:Group {groupId: row.group_id})
  SET g.name = row.name, g.level = row.level, g.kind = row.kind,
      g.workstreams = split(row.workstreams, ';'),
      g.meetingsPerYear = toInteger(row.meetings_per_year),
      g.confidential = coalesce(toBoolean(row.confidential), false), g.benchSeen = $stamp
  WITH g, row
  CALL (g, row) {
    WITH g, row WHERE row.area_id IS NOT NULL
    MATCH (a:Area {areaId: row.area_id})
    MERGE (g)-[:COVERS]->(a)
  }
  CALL (g, row) {
    WITH g, row WHERE row.host_org_id IS NOT NULL
    MATCH (host:Organisation {orgId: row.host_org_id})
    MERGE (g)-[:HOSTED_BY]->(host)
  }
} IN TRANSACTIONS OF 5000 ROWS
