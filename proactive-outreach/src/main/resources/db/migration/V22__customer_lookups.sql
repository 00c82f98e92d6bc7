-- Intake looks up, for every case it opens, the customer's contact points and any message of
-- theirs still waiting to leave (to tell several cases in one message); without these indexes
-- both lookups read the whole table, a cost that grows with every case ever opened.
CREATE INDEX contact_points_customer ON contact_points (customer_id);
CREATE INDEX outbox_customer_waiting ON outbox (customer_id)
    WHERE status = 'PENDING' AND step = 'opened' AND attempts = 0;
