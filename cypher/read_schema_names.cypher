// The names of the constraints and of the indexes there are, so that a load runs only
// the statements of schema.cypher whose names are missing (loader.write.ensure_schema).
SHOW CONSTRAINTS YIELD name
RETURN collect(name) AS names;
SHOW INDEXES YIELD name
RETURN collect(name) AS names;
