// What a load changed, kept to undo it (loader.history): JSON of the keys it added or
// changed and the records as they were. Written in the load's own transaction.
MERGE (u:SmpUndo {loadId: $load_id})
SET u.undo = $undo
