// The keyed references of erased people (core.erasure), with when they were erased.
MATCH (e:SmpErased)
RETURN e.ref AS ref, toString(e.at) AS at
