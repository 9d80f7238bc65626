// Nodes and relationships under the project's own labels (a node has one of them),
// from the database's count store: no scan, however large the network.
RETURN COUNT { (:Area) } + COUNT { (:Organisation) } + COUNT { (:Person) }
       + COUNT { (:Group) } + COUNT { (:Meeting) } AS nodes,
       COUNT { (:Area)-->() } + COUNT { (:Organisation)-->() } + COUNT { (:Person)-->() }
       + COUNT { (:Group)-->() } + COUNT { (:Meeting)-->() } AS relationships
