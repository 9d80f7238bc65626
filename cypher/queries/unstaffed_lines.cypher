// Reporting lines active at $asOf that nobody carries: no person has a membership
// active at $asOf in both groups.
// In Neo4j Browser first run   :param asOf => date('2026-09-30')
MATCH (a:Group)-[x:REPORTS_TO]->(b:Group)
WHERE (x.startDate IS NULL OR x.startDate <= $asOf) AND (x.endDate IS NULL OR x.endDate >= $asOf)
  AND NOT EXISTS {
    MATCH (a)<-[m1:MEMBER_OF]-(:Person)-[m2:MEMBER_OF]->(b)
    WHERE (m1.startDate IS NULL OR m1.startDate <= $asOf) AND (m1.endDate IS NULL OR m1.endDate >= $asOf)
      AND (m2.startDate IS NULL OR m2.startDate <= $asOf) AND (m2.endDate IS NULL OR m2.endDate >= $asOf)
  }
RETURN DISTINCT a.groupId AS from_group_id, b.groupId AS to_group_id
ORDER BY from_group_id, to_group_id
