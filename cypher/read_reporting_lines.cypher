MATCH (a:Group)-[r:REPORTS_TO]->(b:Group)
RETURN r.lineId AS line_id, a.groupId AS from_group_id, b.groupId AS to_group_id,
       r.kind AS kind, r.twoWay AS two_way, r.startDate AS start_date, r.endDate AS end_date
