-- The dispatcher claims the row that has been due longest: a pending row from its next attempt
-- time, a sending row from the end of its lease. One index in exactly that order lets each claim
-- read the first unlocked entry; with an OR over two indexes PostgreSQL had to sort every due row
-- on every claim, so a backlog of 10,000 messages cost 25 ms per claim and grew with the backlog.
CREATE INDEX outbox_claimable
    ON outbox ((CASE WHEN status = 'PENDING' THEN next_attempt_at ELSE lease_until END), id)
    WHERE status IN ('PENDING', 'SENDING');
