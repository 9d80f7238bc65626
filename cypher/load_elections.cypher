// Rounds of nominations and votes for a council area's VCS rep. The area, group and
// people a round names are kept as their ids (as a membership keeps the area its rep
// represents): `MATCH (e:Election), (a:Area {areaId: e.areaId})` joins them.
UNWIND $rows AS row
MERGE (e:Election {electionId: row.election_id})
// --replace ($reset): drop extra columns the new row no longer has.
FOREACH (key IN CASE WHEN $reset THEN keys(e) ELSE [] END |
  FOREACH (_ IN CASE WHEN key IN ['electionId', 'areaId', 'groupId', 'contactPersonId', 'nominationsOpen', 'nominationsClose', 'voteDate', 'approvedDate', 'outcome', 'electedPersonId', 'candidates'] OR key IN keys(row.extra) THEN [] ELSE [1] END |
    REMOVE e[key]))
SET e += row.extra, e.areaId = row.area_id, e.groupId = row.group_id,
    e.contactPersonId = row.contact_person_id,
    e.nominationsOpen = date(row.nominations_open),
    e.nominationsClose = date(row.nominations_close), e.voteDate = date(row.vote_date),
    e.approvedDate = date(row.approved_date), e.outcome = row.outcome,
    e.electedPersonId = row.elected_person_id, e.candidates = row.candidates,
    e.electionId = row.election_id  // the key last: no extra column can replace it
