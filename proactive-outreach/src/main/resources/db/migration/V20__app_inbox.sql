-- The in-app inbox: what the app channel delivered to an app installation, kept for the
-- customer's app and self-service page (listed, streamed over Server-Sent Events, marked read).

CREATE TABLE app_inbox (
    id              bigserial   PRIMARY KEY,
    -- The outbox idempotency key of the message: a second delivery of the same outbox row (a
    -- dispatcher whose lease ran out) finds the first instead of adding a copy.
    reference       text        NOT NULL UNIQUE,
    customer_id     bigint      NOT NULL REFERENCES customers (id),
    installation_id text        NOT NULL,
    case_id         bigint      REFERENCES cases (id),
    title           text        NOT NULL,
    body_text       text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    read_at         timestamptz
);

-- A customer's inbox, newest first, and the stream's "everything after id N".
CREATE INDEX app_inbox_customer ON app_inbox (customer_id, id);

-- The outbox may now hold app messages. V2 declared the check inline, so PostgreSQL named it
-- outbox_channel_check.
ALTER TABLE outbox DROP CONSTRAINT IF EXISTS outbox_channel_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_channel_check CHECK (channel IN ('sms', 'email', 'app'));
