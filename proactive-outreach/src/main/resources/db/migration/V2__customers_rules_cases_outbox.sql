-- What outreach owns: who owns which device, the rules service managers write, the cases that
-- case events open and clear, and the outbox through which every customer message leaves.

CREATE TABLE customers (
    id         bigserial   PRIMARY KEY,
    name       text        NOT NULL,
    -- E.164, checked here too so that no path around the API can store a number SMS cannot reach.
    phone      text        CHECK (phone ~ '^\+[1-9][0-9]{1,14}$'),
    email      text,
    locale     text        NOT NULL DEFAULT 'en',
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE devices (
    device_id   text        PRIMARY KEY,
    customer_id bigint      NOT NULL REFERENCES customers (id),
    nickname    text,
    model       text,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX devices_customer ON devices (customer_id);

-- Every version of every rule is kept; at most one version of a rule is active.
CREATE TABLE rules (
    id         text        NOT NULL,
    version    integer     NOT NULL CHECK (version > 0),
    document   jsonb       NOT NULL,
    active     boolean     NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (id, version)
);

CREATE UNIQUE INDEX rules_one_active ON rules (id) WHERE active;

CREATE TABLE cases (
    id            bigserial   PRIMARY KEY,
    device_id     text        NOT NULL,
    rule_id       text        NOT NULL,
    rule_version  integer     NOT NULL,
    severity      text        NOT NULL CHECK (severity IN ('INFO', 'WARNING', 'CRITICAL')),
    status        text        NOT NULL CHECK (status IN ('OPEN', 'CLEARED')),
    episode_start timestamptz NOT NULL,
    opened_at     timestamptz NOT NULL,
    cleared_at    timestamptz,
    summary       text        NOT NULL,
    evidence      jsonb       NOT NULL DEFAULT '{}'::jsonb,
    -- Null when the device had no known owner when the case opened; problem then says why no
    -- one was told.
    customer_id   bigint      REFERENCES customers (id),
    problem       text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    -- Device + rule + episode start name a case: the same event never makes two cases.
    UNIQUE (device_id, rule_id, episode_start)
);

-- At most one open case per device and rule.
CREATE UNIQUE INDEX cases_one_open ON cases (device_id, rule_id) WHERE status = 'OPEN';

-- One row per (case, step, channel): the unit of delivery.
CREATE TABLE outbox (
    id              bigserial   PRIMARY KEY,
    case_id         bigint      NOT NULL REFERENCES cases (id),
    step            text        NOT NULL,
    channel         text        NOT NULL CHECK (channel IN ('sms', 'email')),
    recipient       text        NOT NULL,
    subject         text,
    body_text       text        NOT NULL,
    body_html       text,
    idempotency_key text        NOT NULL UNIQUE,
    status          text        NOT NULL DEFAULT 'PENDING'
                                CHECK (status IN ('PENDING', 'SENDING', 'SENT', 'FAILED')),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    -- A dispatcher owns a SENDING row until lease_until; claim_token says which claim owns it, so
    -- a dispatcher whose lease ran out cannot overwrite the outcome of the one that took over.
    lease_until     timestamptz,
    claim_token     uuid,
    provider        text,
    provider_id     text,
    last_error      text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    sent_at         timestamptz
);

CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX outbox_leased ON outbox (lease_until) WHERE status = 'SENDING';
CREATE INDEX outbox_case ON outbox (case_id);

-- What intake did with each event, kept next to the event: an event that changed nothing (a
-- duplicate, a clear for an unknown case) is recorded, not silently dropped. The job does not
-- write these columns.
ALTER TABLE case_events
    ADD COLUMN outcome text,
    ADD COLUMN case_id bigint REFERENCES cases (id);
