// Audit entries of erasures written before references existed hold the erased id in
// clear: each becomes a keyed reference ($refs: id -> reference), and a suppression
// entry when the erasure found the person. Run with every schema check; cheap when
// there is nothing to upgrade.
MATCH (a:SmpAudit)
WHERE a.subjectId IS NOT NULL
WITH a, $refs[a.subjectId] AS ref, coalesce(a.found, true) AS found
SET a.subjectRef = CASE WHEN found THEN ref END
REMOVE a.subjectId
WITH a, ref, found WHERE found
MERGE (e:SmpErased {ref: ref})
ON CREATE SET e.at = a.at, e.by = a.by
