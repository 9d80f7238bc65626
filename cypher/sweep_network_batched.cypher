// sweep_network.cypher for loads committed in several transactions (workbooks too
// large for one): the same deletions, each in transactions of 5,000 rows.
// Auto-commit statements (CALL { } IN TRANSACTIONS cannot run in an explicit one).
MATCH (n:Meeting) WHERE NOT coalesce(n.meetingId IN $meeting_ids, false)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS;
MATCH (n:Group) WHERE NOT coalesce(n.groupId IN $group_ids, false)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS;
MATCH (n:Person) WHERE NOT coalesce(n.personId IN $person_ids, false)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS;
MATCH (n:Organisation) WHERE NOT coalesce(n.orgId IN $org_ids, false)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS;
MATCH (n:Area) WHERE NOT coalesce(n.areaId IN $area_ids, false)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS;
MATCH (n:Election) WHERE NOT coalesce(n.electionId IN $election_ids, false)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS;
MATCH (n:GroupRule) WHERE NOT coalesce(n.ruleId IN $rule_ids, false)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS;
MATCH (:Person)-[m:MEMBER_OF]->(:Group)
WHERE NOT coalesce(m.membershipId IN $membership_ids, false)
CALL (m) { DELETE m } IN TRANSACTIONS OF 5000 ROWS;
MATCH (:Group)-[r:REPORTS_TO]->(:Group) WHERE NOT coalesce(r.lineId IN $line_ids, false)
CALL (r) { DELETE r } IN TRANSACTIONS OF 5000 ROWS;
MATCH (p:Person)-[a:ATTENDED]->(m:Meeting)
WHERE NOT coalesce([p.personId, m.meetingId] IN $attendance_keys, false)
CALL (a) { DELETE a } IN TRANSACTIONS OF 5000 ROWS
