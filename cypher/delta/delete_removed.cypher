// A delta load with --replace: delete what the workbook no longer has, by the ids the
// database stores; links first, then nodes (with whatever still names them).
// Everything is found before anything is deleted: in a transaction that has already
// deleted much, every index lookup has to look through those changes too, and one
// statement per kind (links, then people, then organisations) took minutes where
// this takes seconds when a national network is replaced by a small one.
CALL () {
  UNWIND $membership_ids AS id
  MATCH ()-[m:MEMBER_OF {membershipId: id}]->()
  RETURN collect(m) AS memberships
}
CALL () {
  UNWIND $line_ids AS id
  MATCH (:Group)-[r:REPORTS_TO {lineId: id}]->(:Group)
  RETURN collect(r) AS lines
}
CALL () {
  UNWIND $attendance_keys AS k
  MATCH (:Person {personId: k[0]})-[a:ATTENDED]->(:Meeting {meetingId: k[1]})
  RETURN collect(a) AS attendances
}
CALL () {
  UNWIND $meeting_ids AS id
  MATCH (n:Meeting {meetingId: id})
  RETURN collect(n) AS meetings
}
CALL () {
  UNWIND $group_ids AS id
  MATCH (n:Group {groupId: id})
  RETURN collect(n) AS groups
}
CALL () {
  UNWIND $person_ids AS id
  MATCH (n:Person {personId: id})
  RETURN collect(n) AS people
}
CALL () {
  UNWIND $org_ids AS id
  MATCH (n:Organisation {orgId: id})
  RETURN collect(n) AS organisations
}
CALL () {
  UNWIND $area_ids AS id
  MATCH (n:Area {areaId: id})
  RETURN collect(n) AS areas
}
FOREACH (r IN memberships + lines + attendances | DELETE r)
FOREACH (n IN meetings + groups + people + organisations + areas | DETACH DELETE n)
