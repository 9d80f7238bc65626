// smp forget: erase a person and every relationship that names them (memberships,
// attendance, employment), and the records that name them by id (below). Keeps a
// keyed reference ($ref, core.erasure) so that later loads refuse the person, and an audit entry of who did it and when. An id that
// names nobody leaves only a failed attempt: no id, no reference, no text.
// $in_undo: the person is no longer in the network but a load's undo still holds them
// (loader.history): they are erased all the same.
OPTIONAL MATCH (p:Person {personId: $person_id})
WITH p, p IS NOT NULL OR $in_undo AS found,
     EXISTS { MATCH (:SmpErased {ref: $ref}) } AS erased_before
CALL (p) {
  WITH p WHERE p IS NOT NULL
  DETACH DELETE p
}
// Records that name the person by id: a round they won goes (it is about them); a
// council they lead, or a round they ran, stays without them.
CALL () {
  MATCH (e:Election {electedPersonId: $person_id})
  DETACH DELETE e
}
CALL () {
  MATCH (a:Area {leadPersonId: $person_id})
  REMOVE a.leadPersonId
}
CALL () {
  MATCH (e:Election {contactPersonId: $person_id})
  REMOVE e.contactPersonId
}
CALL (found) {
  WITH found WHERE found
  MERGE (e:SmpErased {ref: $ref})
  SET e.at = datetime(), e.by = $by, e.contactRef = coalesce($contact_ref, e.contactRef)
}
CREATE (:SmpAudit {action: 'forget', found: found, by: $by, at: datetime(),
                   subjectRef: CASE WHEN found THEN $ref END})
RETURN found, erased_before
