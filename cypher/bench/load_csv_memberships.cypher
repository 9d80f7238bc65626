// Benchmark baseline: as cypher/load_memberships.cypher. The loader's membershipId
// is a hash of the row computed in Python; here the file's line number stands in.
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MATCH (p:Person {personId: row.person_id})
  MATCH (g:Group {groupId: row.group_id})
  MERGE (p)-[m:MEMBER_OF {membershipId: 'm-' + toString(linenumber())}]->(g)
  SET m.role = row.role, m.selection = coalesce(row.selection, 'appointed'),
      m.representsAreaId = row.represents_area_id,
      m.startDate = date(row.start_date), m.endDate = date(row.end_date)
} IN TRANSACTIONS OF 5000 ROWS
