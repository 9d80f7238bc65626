MATCH (p:Person)-[m:MEMBER_OF]->(g:Group)
RETURN m.membershipId AS membership_id, p.personId AS person_id, g.groupId AS group_id,
       m.role AS role, m.representsAreaId AS represents_area_id, m.selection AS selection,
       m.startDate AS start_date, m.endDate AS end_date
