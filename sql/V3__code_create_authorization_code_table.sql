-- Authorization requests of signed-in users: waiting for consent (consent_state_hash set) or granted with a
-- code (code_hash set). Only SHA-256 hashes of the code and of the consent state are stored.
-- The row id becomes the id of the token family created when the code is redeemed.
CREATE TABLE authorization_code (
    id                      VARCHAR(36)   NOT NULL,
    code_hash               BINARY(32)    NULL,
    consent_state_hash      BINARY(32)    NULL,
    client_id               VARCHAR(100)  NOT NULL,
    subject                 VARCHAR(100)  NOT NULL,
    auth_time               TIMESTAMP(6)  NOT NULL,
    scopes                  VARCHAR(1000) NOT NULL,
    redirect_uri            VARCHAR(2000) NULL,
    client_state            VARCHAR(1000) NULL,
    code_challenge          VARCHAR(128)  NULL,
    code_challenge_method   VARCHAR(10)   NULL,
    nonce                   VARCHAR(255)  NULL,
    resources               VARCHAR(2000) NULL,
    issued_at               TIMESTAMP(6)  NOT NULL,
    expires_at              TIMESTAMP(6)  NOT NULL,
    consumed_at             TIMESTAMP(6)  NULL,
    CONSTRAINT pk_authorization_code PRIMARY KEY (id),
    CONSTRAINT fk_authorization_code_client FOREIGN KEY (client_id) REFERENCES client (client_id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX ux_authorization_code_code_hash ON authorization_code (code_hash);
CREATE UNIQUE INDEX ux_authorization_code_consent_state_hash ON authorization_code (consent_state_hash);
CREATE INDEX ix_authorization_code_client_id ON authorization_code (client_id);
CREATE INDEX ix_authorization_code_expires_at ON authorization_code (expires_at);
