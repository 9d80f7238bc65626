// Ids held in clear by audit entries of earlier versions (see upgrade_audit).
MATCH (a:SmpAudit)
WHERE a.subjectId IS NOT NULL
RETURN DISTINCT a.subjectId AS id
