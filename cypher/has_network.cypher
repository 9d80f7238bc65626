// Whether the database holds any of the network yet (--replace has nothing to sweep if not).
RETURN EXISTS {
  MATCH (n) WHERE n:Area OR n:Organisation OR n:Person OR n:Group OR n:Meeting
} AS found
