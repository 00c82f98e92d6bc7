-- The two tables the telemetry job writes (see docs/contracts.md). The job never reads them;
-- proactive-outreach turns case events into cases and shows dead letters to operators.

CREATE TABLE case_events (
    event_id      uuid        PRIMARY KEY,
    type          text        NOT NULL CHECK (type IN ('OPENED', 'CLEARED')),
    device_id     text        NOT NULL,
    rule_id       text        NOT NULL,
    rule_version  integer     NOT NULL,
    severity      text        NOT NULL CHECK (severity IN ('INFO', 'WARNING', 'CRITICAL')),
    occurred_at   timestamptz NOT NULL,
    episode_start timestamptz NOT NULL,
    evidence      jsonb       NOT NULL DEFAULT '{}'::jsonb,
    summary       text        NOT NULL,
    stored_at     timestamptz NOT NULL DEFAULT now(),
    processed_at  timestamptz
);

-- Outreach picks up what it has not turned into a case yet, oldest first.
CREATE INDEX case_events_unprocessed ON case_events (stored_at) WHERE processed_at IS NULL;

CREATE TABLE dead_letters (
    id          bigserial   PRIMARY KEY,
    received_at timestamptz NOT NULL,
    topic       text        NOT NULL,
    reason      text        NOT NULL,
    payload     text        NOT NULL
);

CREATE INDEX dead_letters_received ON dead_letters (received_at);
