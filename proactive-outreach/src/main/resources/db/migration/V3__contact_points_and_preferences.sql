-- Contact points become rows of their own, so that a customer can have several numbers, addresses
-- and app installations; the preferences that decide which of them are used live on the customer.

CREATE TABLE contact_points (
    id          bigserial   PRIMARY KEY,
    customer_id bigint      NOT NULL REFERENCES customers (id),
    channel     text        NOT NULL CHECK (channel IN ('sms', 'email', 'app')),
    -- E.164 number for sms, email address for email, installation id for app.
    address     text        NOT NULL,
    -- App installations only: the Firebase Cloud Messaging registration token, when the app has
    -- one, and the platform the app runs on.
    fcm_token   text,
    platform    text        CHECK (platform IN ('android', 'ios', 'web')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (customer_id, channel, address),
    CONSTRAINT contact_points_sms_e164 CHECK (channel <> 'sms' OR address ~ '^\+[1-9][0-9]{1,14}$'),
    CONSTRAINT contact_points_app_platform CHECK ((channel = 'app') = (platform IS NOT NULL)),
    CONSTRAINT contact_points_token_only_app CHECK (channel = 'app' OR fcm_token IS NULL)
);

CREATE INDEX contact_points_address ON contact_points (channel, address);

INSERT INTO contact_points (customer_id, channel, address, created_at)
SELECT id, 'sms', phone, created_at FROM customers WHERE phone IS NOT NULL;
INSERT INTO contact_points (customer_id, channel, address, created_at)
SELECT id, 'email', email, created_at FROM customers WHERE email IS NOT NULL;

ALTER TABLE customers
    DROP COLUMN phone,
    DROP COLUMN email,
    -- IANA zone the quiet hours are read in.
    ADD COLUMN time_zone               text    NOT NULL DEFAULT 'UTC',
    ADD COLUMN quiet_start             time,
    ADD COLUMN quiet_end               time,
    ADD COLUMN critical_overrides_quiet boolean NOT NULL DEFAULT true,
    -- Severity (INFO, WARNING, CRITICAL) to the ordered channel codes to try; missing: the default.
    ADD COLUMN channel_order           jsonb   NOT NULL DEFAULT '{}'::jsonb,
    ADD COLUMN opted_out_channels      text[]  NOT NULL DEFAULT '{}',
    -- Set by an SMS STOP: no proactive message on any channel until START.
    ADD COLUMN stopped_at              timestamptz,
    ADD CONSTRAINT customers_quiet_both CHECK ((quiet_start IS NULL) = (quiet_end IS NULL));

-- A device may have a second contact, told when nobody on the owner's channels could be reached.
ALTER TABLE devices
    ADD COLUMN secondary_customer_id bigint REFERENCES customers (id),
    ADD CONSTRAINT devices_secondary_differs CHECK (secondary_customer_id <> customer_id);
