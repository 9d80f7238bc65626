// The undos whose text holds a person's id (smp forget takes the person out of them).
MATCH (u:SmpUndo)
WHERE u.undo CONTAINS $person_id
RETURN u.loadId AS load_id, u.undo AS undo
