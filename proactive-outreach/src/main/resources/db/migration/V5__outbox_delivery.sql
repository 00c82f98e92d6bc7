-- The outbox learns what happened after the provider accepted a message, which attempts may have
-- reached the provider without an answer, and which messages were never sent on purpose.

ALTER TABLE outbox DROP CONSTRAINT outbox_channel_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_channel_check CHECK (channel IN ('sms', 'email', 'app'));

ALTER TABLE outbox DROP CONSTRAINT outbox_status_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_status_check
    CHECK (status IN ('PENDING', 'SENDING', 'SENT', 'FAILED', 'CANCELLED'));

ALTER TABLE outbox
    ADD COLUMN customer_id        bigint REFERENCES customers (id),
    ADD COLUMN route_position     integer,
    -- Proactive messages obey STOP, opt-outs, quiet hours and the budget; answers do not.
    ADD COLUMN proactive          boolean NOT NULL DEFAULT true,
    -- True from the moment a provider call starts until its outcome is known; a row claimed while
    -- in doubt is first looked up at the provider instead of being sent again.
    ADD COLUMN in_doubt           boolean NOT NULL DEFAULT false,
    ADD COLUMN attempt_started_at timestamptz,
    -- Counted against the customer's and the device's budget from this moment.
    ADD COLUMN budget_used_at     timestamptz,
    -- Provider delivery state, forward only: queued, sent, delivered / undelivered / failed, bounced.
    ADD COLUMN delivery           text,
    ADD COLUMN delivery_at        timestamptz;

CREATE INDEX outbox_provider_id ON outbox (provider_id);
CREATE INDEX outbox_budget ON outbox (customer_id, budget_used_at) WHERE budget_used_at IS NOT NULL;
