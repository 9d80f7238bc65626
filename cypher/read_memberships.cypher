// Memberships, one record per group (its members' rows, possibly none). Each row:
// membership_id, person_id, group_id, role, represents_area_id, selection,
// start_date, end_date (graph.read.COLUMNS names them; dates as ISO text).
MATCH (g:Group)
CALL (g) {
  MATCH (p:Person)-[m:MEMBER_OF]->(g)
  RETURN collect([m.membershipId, p.personId, g.groupId, m.role, m.representsAreaId,
                  m.selection, toString(m.startDate), toString(m.endDate)]) AS rows
}
RETURN rows
