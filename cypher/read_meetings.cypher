// Meetings, $batch rows a record. Each row: meeting_id, group_id, date, format
// (graph.read.COLUMNS names them; the date as ISO text).
MATCH (:Meeting)-[of:MEETING_OF]->(:Group)
WITH collect(of) AS links
UNWIND range(0, size(links) - 1, $batch) AS i
CALL (links, i) {
  UNWIND links[i..i + $batch] AS of
  WITH startNode(of) AS m, endNode(of) AS g
  RETURN collect([m.meetingId, g.groupId, toString(m.date), m.format]) AS rows
}
RETURN rows
