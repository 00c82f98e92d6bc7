-- One thread per case: the route its messages take, what happened on it in order, and the work it
-- hands to human agents.

ALTER TABLE case_events DROP CONSTRAINT case_events_type_check;
ALTER TABLE case_events ADD CONSTRAINT case_events_type_check
    CHECK (type IN ('OPENED', 'UPDATED', 'CLEARED'));

ALTER TABLE cases DROP CONSTRAINT cases_status_check;
ALTER TABLE cases
    ADD CONSTRAINT cases_status_check CHECK (status IN ('OPEN', 'CLEARED', 'RESOLVED')),
    -- Predicted time of failure, when the rule's evidence gives one.
    ADD COLUMN eta             timestamptz,
    ADD COLUMN updated_at      timestamptz,
    ADD COLUMN acknowledged_at timestamptz,
    ADD COLUMN snoozed_until   timestamptz,
    -- When the customer must have acknowledged before a reminder, then an escalation, follows.
    ADD COLUMN ack_due_at      timestamptz,
    ADD COLUMN reminded_at     timestamptz,
    ADD COLUMN escalated_at    timestamptz,
    ADD COLUMN resolved_at     timestamptz,
    ADD COLUMN satisfaction    smallint CHECK (satisfaction BETWEEN 1 AND 5),
    -- A case opened while another case of the same customer was still waiting to be sent rides in
    -- that case's message; the lead case's thread speaks for both.
    ADD COLUMN group_lead      bigint REFERENCES cases (id),
    -- Unguessable id for the customer's self-service link.
    ADD COLUMN public_token    uuid NOT NULL DEFAULT gen_random_uuid();

CREATE UNIQUE INDEX cases_public_token ON cases (public_token);
CREATE INDEX cases_ack_due ON cases (ack_due_at) WHERE status = 'OPEN' AND acknowledged_at IS NULL;

-- The ordered contact points a case's messages try: position 0 first, the next one when a message
-- could not be delivered.
CREATE TABLE case_routes (
    case_id     bigint NOT NULL REFERENCES cases (id),
    position    integer NOT NULL CHECK (position >= 0),
    customer_id bigint NOT NULL REFERENCES customers (id),
    channel     text   NOT NULL,
    address     text   NOT NULL,
    PRIMARY KEY (case_id, position)
);

CREATE TABLE case_timeline (
    id       bigserial   PRIMARY KEY,
    case_id  bigint      NOT NULL REFERENCES cases (id),
    at       timestamptz NOT NULL DEFAULT clock_timestamp(),
    kind     text        NOT NULL,
    channel  text,
    detail   text        NOT NULL,
    outbox_id bigint
);

CREATE INDEX case_timeline_case ON case_timeline (case_id, id);

-- Work for people: a visit the customer asked for, or a case nobody acknowledged.
CREATE TABLE agent_tasks (
    id         bigserial   PRIMARY KEY,
    case_id    bigint      NOT NULL REFERENCES cases (id),
    kind       text        NOT NULL CHECK (kind IN ('BOOKING', 'ESCALATION')),
    status     text        NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'DONE')),
    reason     text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (case_id, kind)
);

-- Every inbound SMS once: Twilio may deliver a webhook twice.
CREATE TABLE inbound_messages (
    message_sid text        PRIMARY KEY,
    from_number text        NOT NULL,
    body        text        NOT NULL,
    case_id     bigint      REFERENCES cases (id),
    action      text        NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now()
);
