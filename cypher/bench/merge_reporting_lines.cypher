// Benchmark baseline, the update by MERGE: a line is found by (from, to, kind, start
// date), as the loader identifies it; each one seen is marked with $stamp.
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MATCH (a:Group {groupId: row.from_group_id})
  MATCH (b:Group {groupId: row.to_group_id})
  MERGE (a)-[r:REPORTS_TO {seat: coalesce(row.kind, 'feeds_into') + '|' +
                                 coalesce(row.start_date, '')}]->(b)
  SET r.kind = coalesce(row.kind, 'feeds_into'),
      r.twoWay = coalesce(toBoolean(row.two_way), true),
      r.startDate = date(row.start_date), r.endDate = date(row.end_date), r.benchSeen = $stamp
} IN TRANSACTIONS OF 5000 ROWS
