-- The outbox of OpenID Connect Back-Channel Logout 1.0: one row per ended session and client with a
-- backchannel_logout_uri, written in the transaction that revokes the token family, deleted once delivered or
-- abandoned. It holds no token: the logout token is minted and signed at each delivery attempt from these ids.
-- A node claims a due row with a conditional UPDATE (claimed_by, claimed_until) so one node at a time attempts it.
CREATE TABLE backchannel_logout (
    id                VARCHAR(36)    NOT NULL,
    client_id         VARCHAR(100)   NOT NULL,
    family_id         VARCHAR(36)    NOT NULL,
    subject           VARCHAR(100)   NOT NULL,
    logout_uri        VARCHAR(2000)  NOT NULL,
    created_at        TIMESTAMP(6)   NOT NULL,
    attempts          INT            NOT NULL DEFAULT 0,
    next_attempt_at   TIMESTAMP(6)   NOT NULL,
    claimed_by        VARCHAR(36)    NULL,
    claimed_until     TIMESTAMP(6)   NULL,
    CONSTRAINT pk_backchannel_logout PRIMARY KEY (id)
);
CREATE INDEX ix_backchannel_logout_next_attempt_at ON backchannel_logout (next_attempt_at);
