// smp forget: erase a person and every relationship that names them (memberships,
// attendance, employment), and record who did it, when and which id - no personal data.
OPTIONAL MATCH (p:Person {personId: $person_id})
WITH p, p IS NOT NULL AS found
CALL (p) {
  WITH p WHERE p IS NOT NULL
  DETACH DELETE p
}
CREATE (:SmpAudit {action: 'forget', subjectId: $person_id, by: $by, at: datetime(), found: found})
RETURN found
