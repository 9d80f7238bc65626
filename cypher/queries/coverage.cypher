// Coverage as of $asOf: every local authority area, covered or not, with the reason
// (contract §3: not_elected, not_vcs, expired, not_started, no_rep; first that applies).
// In Neo4j Browser first run   :param asOf => date('2026-09-30')
MATCH (a:Area {type: 'local_authority'})
OPTIONAL MATCH (p:Person)-[m:MEMBER_OF {role: 'vcs_rep', representsAreaId: a.areaId}]->(:Group)
OPTIONAL MATCH (p)-[:WORKS_FOR]->(o:Organisation)
WITH a, [rep IN collect(CASE WHEN m IS NULL THEN null ELSE {
  active: (m.startDate IS NULL OR m.startDate <= $asOf) AND (m.endDate IS NULL OR m.endDate >= $asOf),
  elected: m.selection = 'elected',
  vcs: coalesce(o.sector = 'vcs', false),
  ended: m.endDate IS NOT NULL AND m.endDate < $asOf,
  notStarted: m.startDate IS NOT NULL AND m.startDate > $asOf
} END) WHERE rep IS NOT NULL] AS reps
WITH a, CASE
  WHEN any(r IN reps WHERE r.active AND r.elected AND r.vcs) THEN null
  WHEN any(r IN reps WHERE r.active AND NOT r.elected) THEN 'not_elected'
  WHEN any(r IN reps WHERE r.active) THEN 'not_vcs'
  WHEN any(r IN reps WHERE r.ended) THEN 'expired'
  WHEN any(r IN reps WHERE r.notStarted) THEN 'not_started'
  ELSE 'no_rep'
END AS reason
RETURN a.areaId AS area_id, a.name AS area_name, reason IS NULL AS covered, reason
ORDER BY area_id
