// Benchmark baseline, the update by MERGE: delete the areas, organisations, people,
// groups and meetings the changed workbook no longer has (not marked with $stamp).
MATCH (n)
WHERE (n:Area OR n:Organisation OR n:Person OR n:Group OR n:Meeting)
  AND (n.benchSeen IS NULL OR n.benchSeen <> $stamp)
CALL (n) {
  DETACH DELETE n
} IN TRANSACTIONS OF 5000 ROWS
