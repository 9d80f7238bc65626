// Undos kept for the newest $keep loads only: older ones hold copies of records (people
// among them) no longer needed once nobody would go that far back (loader.history).
MATCH (l:SmpLoad)
WITH l ORDER BY l.loadedAt DESC
SKIP $keep
MATCH (u:SmpUndo {loadId: l.loadId})
DETACH DELETE u
