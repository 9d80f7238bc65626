// The names of the indexes there are, so that a load runs only the statements of
// schema.cypher whose names are missing (loader.write.ensure_schema). Every constraint
// of schema.cypher is a uniqueness constraint, whose index has the constraint's name
// (Neo4j 5), so one list covers both: one round trip fewer before every load.
SHOW INDEXES YIELD name
RETURN collect(name) AS names
