// How sign-in to the app is set up ('local' or 'oidc'), recorded in the database it
// shows, so that any app reading this database refuses everyone if it cannot find that
// sign-in (a users file gone missing, SMP_HOME pointing elsewhere). A null removes it
// (smp user sign-in-off).
MERGE (s:SmpSetting {name: 'sign_in'})
SET s.value = $kind, s.at = datetime()
WITH s WHERE $kind IS NULL
DELETE s
