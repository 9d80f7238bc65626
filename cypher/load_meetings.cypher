UNWIND $rows AS row
MATCH (g:Group {groupId: row.group_id})
MERGE (m:Meeting {meetingId: row.meeting_id})
// --replace ($reset): drop extra columns the new row no longer has.
FOREACH (key IN CASE WHEN $reset THEN keys(m) ELSE [] END |
  FOREACH (_ IN CASE WHEN key IN ['meetingId', 'date', 'format'] OR key IN keys(row.extra) THEN [] ELSE [1] END |
    REMOVE m[key]))
SET m += row.extra, m.date = date(row.date), m.format = row.format,
    m.meetingId = row.meeting_id  // the key last: no extra column can replace it
WITH m, g
OPTIONAL MATCH (m)-[old:MEETING_OF]->(was:Group)
WHERE was <> g
DELETE old
WITH DISTINCT m, g
MERGE (m)-[:MEETING_OF]->(g)
