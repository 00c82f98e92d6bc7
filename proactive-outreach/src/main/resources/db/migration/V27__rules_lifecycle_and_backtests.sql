-- A rule's life beyond its versions: whether it was deleted (its versions stay, for the cases they
-- raised) and what the broker last acknowledged for it, so that the API can say whether the job can
-- see the rule's current state.
CREATE TABLE rule_heads (
    id                text        PRIMARY KEY,
    deleted_at        timestamptz,
    published_version integer,
    published_active  boolean,
    published_at      timestamptz
);

INSERT INTO rule_heads (id) SELECT DISTINCT id FROM rules;

-- Backtests run as resources: created by a request, advanced by the instance that runs them, read
-- by whoever polls (any instance). heartbeat_at moves while the run is alive.
CREATE TABLE backtests (
    id            bigserial   PRIMARY KEY,
    status        text        NOT NULL CHECK (status IN ('RUNNING', 'DONE', 'FAILED')),
    request       jsonb       NOT NULL,
    rules         jsonb       NOT NULL,
    devices       text[]      NOT NULL,
    range_from    timestamptz NOT NULL,
    range_to      timestamptz NOT NULL,
    steps_total   integer     NOT NULL,
    steps_done    integer     NOT NULL DEFAULT 0,
    readings      bigint      NOT NULL DEFAULT 0,
    result        jsonb,
    error         text,
    created_by    text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    heartbeat_at  timestamptz NOT NULL DEFAULT now(),
    finished_at   timestamptz
);

-- The filters of the case, delivery and dead-letter lists.
CREATE INDEX cases_device ON cases (device_id, id);
CREATE INDEX cases_customer ON cases (customer_id, id);
CREATE INDEX cases_opened_at ON cases (opened_at);
CREATE INDEX dead_letters_topic ON dead_letters (topic, received_at);
