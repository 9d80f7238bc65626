// Uniqueness constraints behind every MERGE of the loader (run once per load; idempotent).
CREATE CONSTRAINT area_id IF NOT EXISTS FOR (a:Area) REQUIRE a.areaId IS UNIQUE;
CREATE CONSTRAINT organisation_id IF NOT EXISTS FOR (o:Organisation) REQUIRE o.orgId IS UNIQUE;
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (p:Person) REQUIRE p.personId IS UNIQUE;
CREATE CONSTRAINT group_id IF NOT EXISTS FOR (g:Group) REQUIRE g.groupId IS UNIQUE;
CREATE CONSTRAINT meeting_id IF NOT EXISTS FOR (m:Meeting) REQUIRE m.meetingId IS UNIQUE;
CREATE CONSTRAINT membership_id IF NOT EXISTS FOR ()-[m:MEMBER_OF]-() REQUIRE m.membershipId IS UNIQUE;
CREATE CONSTRAINT reporting_line_id IF NOT EXISTS FOR ()-[r:REPORTS_TO]-() REQUIRE r.lineId IS UNIQUE;
CREATE CONSTRAINT load_id IF NOT EXISTS FOR (l:SmpLoad) REQUIRE l.loadId IS UNIQUE;
CREATE INDEX audit_at IF NOT EXISTS FOR (a:SmpAudit) ON (a.at);
CREATE INDEX area_type IF NOT EXISTS FOR (a:Area) ON (a.type);
CREATE INDEX group_level IF NOT EXISTS FOR (g:Group) ON (g.level);
CREATE CONSTRAINT erased_ref IF NOT EXISTS FOR (e:SmpErased) REQUIRE e.ref IS UNIQUE;
CREATE CONSTRAINT election_id IF NOT EXISTS FOR (e:Election) REQUIRE e.electionId IS UNIQUE;
CREATE CONSTRAINT rule_id IF NOT EXISTS FOR (r:GroupRule) REQUIRE r.ruleId IS UNIQUE;
CREATE CONSTRAINT undo_load_id IF NOT EXISTS FOR (u:SmpUndo) REQUIRE u.loadId IS UNIQUE;
