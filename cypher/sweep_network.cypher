// --replace, after the workbook has been merged in (same transaction): remove every
// record the new workbook does not have, so the network is exactly the workbook.
// Deleting last keeps the merges fast: index seeks in a transaction that has already
// deleted many indexed entries are slow in Neo4j 5.
MATCH (n:Meeting) WHERE NOT coalesce(n.meetingId IN $meeting_ids, false) DETACH DELETE n;
MATCH (n:Group) WHERE NOT coalesce(n.groupId IN $group_ids, false) DETACH DELETE n;
MATCH (n:Person) WHERE NOT coalesce(n.personId IN $person_ids, false) DETACH DELETE n;
MATCH (n:Organisation) WHERE NOT coalesce(n.orgId IN $org_ids, false) DETACH DELETE n;
MATCH (n:Area) WHERE NOT coalesce(n.areaId IN $area_ids, false) DETACH DELETE n;
MATCH (:Person)-[m:MEMBER_OF]->(:Group) WHERE NOT coalesce(m.membershipId IN $membership_ids, false) DELETE m;
MATCH (:Group)-[r:REPORTS_TO]->(:Group) WHERE NOT coalesce(r.lineId IN $line_ids, false) DELETE r;
MATCH (p:Person)-[a:ATTENDED]->(m:Meeting)
WHERE NOT coalesce([p.personId, m.meetingId] IN $attendance_keys, false)
DELETE a
