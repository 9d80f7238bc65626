// The name and e-mail of a person about to be erased (smp forget), from which a keyed
// reference is made (core.erasure.contact_reference): nothing of them is stored.
MATCH (p:Person {personId: $person_id})
RETURN p.name AS name, p.email AS email
