// Benchmark baseline, the update by MERGE: a membership is found by its seat (person,
// group, role, start date), as the loader identifies it, so an extended term is
// updated in place; each one seen is marked with $stamp.
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MATCH (p:Person {personId: row.person_id})
  MATCH (g:Group {groupId: row.group_id})
  MERGE (p)-[m:MEMBER_OF {seat: coalesce(row.role, '') + '|' + coalesce(row.start_date, '')}]->(g)
  SET m.role = row.role, m.selection = coalesce(row.selection, 'appointed'),
      m.representsAreaId = row.represents_area_id,
      m.startDate = date(row.start_date), m.endDate = date(row.end_date), m.benchSeen = $stamp
} IN TRANSACTIONS OF 5000 ROWS
