// A delta load with --replace: delete what the workbook no longer has, by the ids the
// database stores; links first, then nodes (with whatever still names them).
UNWIND $membership_ids AS id MATCH ()-[m:MEMBER_OF {membershipId: id}]->() DELETE m;
UNWIND $line_ids AS id MATCH (:Group)-[r:REPORTS_TO {lineId: id}]->(:Group) DELETE r;
UNWIND $attendance_keys AS k
MATCH (:Person {personId: k[0]})-[a:ATTENDED]->(:Meeting {meetingId: k[1]}) DELETE a;
UNWIND $meeting_ids AS id MATCH (n:Meeting {meetingId: id}) DETACH DELETE n;
UNWIND $group_ids AS id MATCH (n:Group {groupId: id}) DETACH DELETE n;
UNWIND $person_ids AS id MATCH (n:Person {personId: id}) DETACH DELETE n;
UNWIND $org_ids AS id MATCH (n:Organisation {orgId: id}) DETACH DELETE n;
UNWIND $area_ids AS id MATCH (n:Area {areaId: id}) DETACH DELETE n
