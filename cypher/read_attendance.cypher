MATCH (p:Person)-[a:ATTENDED]->(m:Meeting)
RETURN m.meetingId AS meeting_id, p.personId AS person_id, a.attended AS attended
