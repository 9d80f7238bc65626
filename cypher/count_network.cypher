// Nodes and relationships under the project's own labels.
CALL () {
  MATCH (n) WHERE n:Area OR n:Organisation OR n:Person OR n:Group OR n:Meeting
  RETURN count(n) AS nodes
}
CALL () {
  MATCH (n)-[r]->() WHERE n:Area OR n:Organisation OR n:Person OR n:Group OR n:Meeting
  RETURN count(r) AS relationships
}
RETURN nodes, relationships
