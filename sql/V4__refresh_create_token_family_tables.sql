-- A token family is one sign-in of one user on one client (a "session"). Its refresh tokens form a chain:
-- generation 0 is issued with the authorization code, each refresh consumes generation n and issues n + 1.
CREATE TABLE token_family (
    id                      VARCHAR(36)   NOT NULL,
    client_id               VARCHAR(100)  NOT NULL,
    subject                 VARCHAR(100)  NOT NULL,
    scopes                  VARCHAR(1000) NOT NULL,
    resources               VARCHAR(2000) NOT NULL,
    auth_time               TIMESTAMP(6)  NOT NULL,
    created_at              TIMESTAMP(6)  NOT NULL,
    absolute_expires_at     TIMESTAMP(6)  NOT NULL,
    revoked_at              TIMESTAMP(6)  NULL,
    revoked_reason          VARCHAR(40)   NULL,
    CONSTRAINT pk_token_family PRIMARY KEY (id),
    CONSTRAINT fk_token_family_client FOREIGN KEY (client_id) REFERENCES client (client_id) ON DELETE CASCADE
);
CREATE INDEX ix_token_family_client_id ON token_family (client_id);
CREATE INDEX ix_token_family_subject ON token_family (subject);
CREATE INDEX ix_token_family_absolute_expires_at ON token_family (absolute_expires_at);

-- One row per refresh token, found by the SHA-256 of its value (the primary key). The token itself is never
-- stored. client_ip and user_agent describe the request that caused the token to be issued, so the newest
-- token of a family tells when, where from and on what device the family was last used: a refresh writes
-- one UPDATE (consume) and one INSERT (successor) and nothing else.
-- successor_ciphertext holds, for clients with a grace window and only during that window (until
-- successor_expires_at, when the cleanup job erases it), the successor token encrypted under a key derived from
-- this consumed token: useless without the token itself, which is stored nowhere.
CREATE TABLE refresh_token (
    token_hash              BINARY(32)    NOT NULL,
    family_id               VARCHAR(36)   NOT NULL,
    generation              INT           NOT NULL,
    issued_at               TIMESTAMP(6)  NOT NULL,
    expires_at              TIMESTAMP(6)  NOT NULL,
    consumed_at             TIMESTAMP(6)  NULL,
    successor_ciphertext    VARBINARY(128) NULL,
    successor_expires_at    TIMESTAMP(6)  NULL,
    client_ip               VARCHAR(45)   NULL,
    user_agent              VARCHAR(255)  NULL,
    CONSTRAINT pk_refresh_token PRIMARY KEY (token_hash),
    CONSTRAINT fk_refresh_token_family FOREIGN KEY (family_id) REFERENCES token_family (id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX ux_refresh_token_family_generation ON refresh_token (family_id, generation);
CREATE INDEX ix_refresh_token_successor_expires_at ON refresh_token (successor_expires_at);
