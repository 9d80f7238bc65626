// A delta load: meetings added or changed, their properties as set_areas; their
// groups (link_meetings) only where those are new or changed.
UNWIND $rows AS row
MERGE (m:Meeting {meetingId: row.meeting_id})
SET m += row.props
