// Attendance, $batch rows a record.
// Each row holds the columns of loader/spec.py in its order (the id loader derives
// first): graph.read.read_query fills them in where the comment stands, the links
// as named there, the properties from the spec (dates as ISO text).
MATCH (:Person)-[a:ATTENDED]->(m:Meeting)
USING SCAN m:Meeting
WITH collect(a) AS attendances
UNWIND range(0, size(attendances) - 1, $batch) AS i
CALL (attendances, i) {
  UNWIND attendances[i..i + $batch] AS a
  WITH a, endNode(a) AS m, startNode(a) AS p
  RETURN collect([/*columns of a; meeting_id: m.meetingId, person_id: p.personId*/]) AS rows
}
RETURN rows
