// A load that adds back erased people on purpose (smp load --allow-erased): their
// references go from the suppression list, and the audit says so, person by person.
UNWIND $refs AS ref
MATCH (e:SmpErased {ref: ref})
DELETE e
CREATE (:SmpAudit {action: 'readmit', found: true, by: $by, at: datetime(), subjectRef: ref,
                   source: $source})
