// Benchmark baseline, the update by MERGE: delete the memberships, reporting lines
// and attendance the changed workbook no longer has (not marked with $stamp).
MATCH ()-[r:MEMBER_OF|REPORTS_TO|ATTENDED]->()
WHERE r.benchSeen IS NULL OR r.benchSeen <> $stamp
CALL (r) {
  DELETE r
} IN TRANSACTIONS OF 5000 ROWS
