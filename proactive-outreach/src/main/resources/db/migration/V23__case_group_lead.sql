-- A case and the cases grouped into it are read together, by "id = :case OR group_lead = :case",
-- when intake renders a message, when the outbox gate asks whether any of them is still open and
-- when the customer acknowledges or snoozes. Without an index on group_lead each of those reads
-- scans the cases table, a cost that grows with every case ever opened; with it the planner
-- combines this index and the primary key.
CREATE INDEX cases_group_lead ON cases (group_lead) WHERE group_lead IS NOT NULL;
