// A delta load with --replace: delete what the workbook no longer has, by the ids the
// database stores; links first, then nodes (with whatever still names them).
// Everything is found before anything is deleted: in a transaction that has already
// deleted much, every index lookup has to look through those changes too, and one
// statement per kind (links, then people, then organisations) took minutes where
// this takes seconds when a national network is replaced by a small one.
// Only the kinds with something to delete are sent (loader.write._delete_statement):
// each CALL is kept when its list is not empty, and the lists of the last two lines
// are the ones kept (a line with none is left out): planned in half the time when a
// quarterly update deletes three kinds of the eight. USING INDEX SEEK: right after a
// large load the index statistics can say an index is empty, and a plan made then
// scanned the whole index once per id (25-90 s for a national update's deletions).
CALL () {
  UNWIND $membership_ids AS id
  MATCH ()-[m:MEMBER_OF {membershipId: id}]->()
  USING INDEX SEEK m:MEMBER_OF(membershipId)
  RETURN collect(m) AS memberships
}
CALL () {
  UNWIND $line_ids AS id
  MATCH (:Group)-[r:REPORTS_TO {lineId: id}]->(:Group)
  USING INDEX SEEK r:REPORTS_TO(lineId)
  RETURN collect(r) AS lines
}
CALL () {
  UNWIND $attendance_keys AS k
  MATCH (p:Person {personId: k[0]})-[a:ATTENDED]->(m:Meeting {meetingId: k[1]})
  USING INDEX SEEK p:Person(personId)
  USING INDEX SEEK m:Meeting(meetingId)
  RETURN collect(a) AS attendances
}
CALL () {
  UNWIND $meeting_ids AS id
  MATCH (n:Meeting {meetingId: id})
  USING INDEX SEEK n:Meeting(meetingId)
  RETURN collect(n) AS meetings
}
CALL () {
  UNWIND $group_ids AS id
  MATCH (n:Group {groupId: id})
  USING INDEX SEEK n:Group(groupId)
  RETURN collect(n) AS groups
}
CALL () {
  UNWIND $person_ids AS id
  MATCH (n:Person {personId: id})
  USING INDEX SEEK n:Person(personId)
  RETURN collect(n) AS people
}
CALL () {
  UNWIND $org_ids AS id
  MATCH (n:Organisation {orgId: id})
  USING INDEX SEEK n:Organisation(orgId)
  RETURN collect(n) AS organisations
}
CALL () {
  UNWIND $area_ids AS id
  MATCH (n:Area {areaId: id})
  USING INDEX SEEK n:Area(areaId)
  RETURN collect(n) AS areas
}
CALL () {
  UNWIND $election_ids AS id
  MATCH (n:Election {electionId: id})
  USING INDEX SEEK n:Election(electionId)
  RETURN collect(n) AS elections
}
CALL () {
  UNWIND $rule_ids AS id
  MATCH (n:GroupRule {ruleId: id})
  USING INDEX SEEK n:GroupRule(ruleId)
  RETURN collect(n) AS rules
}
FOREACH (r IN /*memberships + lines + attendances*/ | DELETE r)
FOREACH (n IN /*meetings + groups + people + organisations + areas + elections + rules*/ | DETACH DELETE n)
