// Benchmark baseline, the update by MERGE: as load_csv_areas.cypher over the old
// network, marking each record it sees with $stamp (sweep_*.cypher deletes the rest).
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MERGE (a:Area {areaId: row.area_id})
  SET a.name = row.name, a.type = row.type, a.dispersal = toBoolean(row.dispersal),
      a.leadPersonId = row.lead_person_id, a.benchSeen = $stamp
} IN TRANSACTIONS OF 5000 ROWS
