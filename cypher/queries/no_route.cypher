// Local groups with no route to regional and national level as of $asOf: even if
// every active reporting line had someone carrying it, they would not reach a
// regional group that reaches a national group (contract §3, reason no_route).
// In Neo4j Browser first run   :param asOf => date('2026-09-30')
MATCH (l:Group {level: 'local'})
WHERE NOT EXISTS {
  MATCH (l)
        (()-[x:REPORTS_TO]->() WHERE (x.startDate IS NULL OR x.startDate <= $asOf)
                                 AND (x.endDate IS NULL OR x.endDate >= $asOf))+
        (:Group {level: 'regional'})
        (()-[y:REPORTS_TO]->() WHERE (y.startDate IS NULL OR y.startDate <= $asOf)
                                 AND (y.endDate IS NULL OR y.endDate >= $asOf))+
        (:Group {level: 'national'})
}
RETURN l.groupId AS group_id, l.name AS group_name
ORDER BY group_id
