// --replace: remove what earlier loads wrote. Only the project's own labels; the
// load audit (:SmpLoad) and anything else in the database stay.
MATCH (n)
WHERE n:Area OR n:Organisation OR n:Person OR n:Group OR n:Meeting
DETACH DELETE n
