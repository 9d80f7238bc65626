// Attendance, $batch rows a record. Each row: meeting_id, person_id, attended
// (graph.read.COLUMNS names them).
MATCH (:Person)-[a:ATTENDED]->(:Meeting)
WITH collect(a) AS attendances
UNWIND range(0, size(attendances) - 1, $batch) AS i
CALL (attendances, i) {
  UNWIND attendances[i..i + $batch] AS a
  RETURN collect([endNode(a).meetingId, startNode(a).personId, a.attended]) AS rows
}
RETURN rows
