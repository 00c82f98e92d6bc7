-- Who may do what: staff who sign in with a password, API tokens for scripts and other services,
-- revocable case links, and one-time sign-in codes for customers.

-- Managers and agents. Passwords are stored as Spring Security's DelegatingPasswordEncoder writes
-- them ("{bcrypt}$2a$..."), so the hash names its own algorithm and can be upgraded later.
CREATE TABLE staff_users (
    id            bigserial   PRIMARY KEY,
    username      text        NOT NULL UNIQUE,
    password_hash text        NOT NULL,
    role          text        NOT NULL CHECK (role IN ('MANAGER', 'AGENT')),
    enabled       boolean     NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- Bearer tokens. Only the SHA-256 of a token is kept: the token itself is shown once, when it is
-- made. A CUSTOMER token acts for one customer.
CREATE TABLE api_tokens (
    id          bigserial   PRIMARY KEY,
    name        text        NOT NULL,
    token_hash  bytea       NOT NULL UNIQUE,
    -- The first characters of the token, to recognise it in a list.
    prefix      text        NOT NULL,
    role        text        NOT NULL CHECK (role IN ('MANAGER', 'AGENT', 'CUSTOMER')),
    customer_id bigint      REFERENCES customers (id),
    created_by  text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz,
    revoked_at  timestamptz,
    CHECK ((role = 'CUSTOMER') = (customer_id IS NOT NULL))
);

-- Case links are signed, not stored: a link names its case and the case's link generation when it
-- was made. Revoking a case's links raises the generation, which refuses every link made before.
ALTER TABLE cases ADD COLUMN link_generation integer NOT NULL DEFAULT 0;
DROP INDEX cases_public_token;
ALTER TABLE cases DROP COLUMN public_token;

-- One-time sign-in codes, hashed, for the address a customer typed (a contact point of theirs).
-- A request for an address no customer has is kept too (no customer, no code), so that the rate
-- limit answers the same whether the address is known or not.
CREATE TABLE sign_in_codes (
    id          bigserial   PRIMARY KEY,
    address     text        NOT NULL,
    customer_id bigint      REFERENCES customers (id),
    code_hash   text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    attempts    integer     NOT NULL DEFAULT 0,
    used_at     timestamptz
);

CREATE INDEX sign_in_codes_address ON sign_in_codes (address, created_at);

-- Messages that are about no case (a sign-in code) go through the outbox too.
ALTER TABLE outbox ALTER COLUMN case_id DROP NOT NULL;
