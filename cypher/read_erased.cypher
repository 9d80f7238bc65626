// The keyed references of erased people (core.erasure), with when they were erased and
// the keyed reference of their name and e-mail (null for erasures made before it was kept).
MATCH (e:SmpErased)
RETURN e.ref AS ref, toString(e.at) AS at, e.contactRef AS contact
