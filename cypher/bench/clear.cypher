// Benchmark only: empty the project's labels in batches (an auto-commit statement).
MATCH (n)
WHERE n:Area OR n:Organisation OR n:Person OR n:Group OR n:Meeting
CALL (n) {
  DETACH DELETE n
} IN TRANSACTIONS OF 5000 ROWS
