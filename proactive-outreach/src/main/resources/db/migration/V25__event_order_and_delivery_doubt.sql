-- Case events get the order the database assigns as they are inserted. stored_at is the inserting
-- transaction's start, shared by every event the job commits together, and event ids are hashes:
-- ordering by them could take a clear before its open. The job inserts a device's events in the
-- order it decided them, so the sequence keeps that order.
ALTER TABLE case_events ADD COLUMN seq bigserial;
DROP INDEX case_events_unprocessed;
CREATE INDEX case_events_unprocessed ON case_events (seq) WHERE processed_at IS NULL;

-- A clear or an update that arrives before the open of its episode is kept, not dropped, and
-- applied when the open arrives.
ALTER TABLE case_events ADD COLUMN awaiting_open boolean NOT NULL DEFAULT false;
CREATE INDEX case_events_awaiting_open ON case_events (device_id, rule_id, episode_start)
    WHERE awaiting_open;

-- UNCONFIRMED: the provider may have accepted the message (no answer, and no lookup could tell)
-- and the outbox gave up asking; a delivery report settles it. Kept apart from FAILED, which
-- moves the case to its next channel.
ALTER TABLE outbox DROP CONSTRAINT outbox_status_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_status_check
    CHECK (status IN ('PENDING', 'SENDING', 'SENT', 'FAILED', 'CANCELLED', 'UNCONFIRMED'));

-- Retries give up by a deadline counted from the first provider call, not by a count of calls.
ALTER TABLE outbox ADD COLUMN first_attempt_at timestamptz;
