-- HTTP sessions of the sign-in flow (Spring Session JDBC), so any node can serve any request.
-- The session id is the random value of the browser cookie; sessions expire after 30 idle minutes.
CREATE TABLE http_session (
    primary_id              CHAR(36)      NOT NULL,
    session_id              VARCHAR(64)   NOT NULL,
    creation_time           BIGINT        NOT NULL,
    last_access_time        BIGINT        NOT NULL,
    max_inactive_interval   INT           NOT NULL,
    expiry_time             BIGINT        NOT NULL,
    principal_name          VARCHAR(100)  NULL,
    CONSTRAINT pk_http_session PRIMARY KEY (primary_id)
);
CREATE UNIQUE INDEX ux_http_session_session_id ON http_session (session_id);
CREATE INDEX ix_http_session_expiry_time ON http_session (expiry_time);
CREATE INDEX ix_http_session_principal_name ON http_session (principal_name);

CREATE TABLE http_session_attribute (
    session_primary_id      CHAR(36)      NOT NULL,
    attribute_name          VARCHAR(200)  NOT NULL,
    attribute_bytes         BLOB          NOT NULL,
    CONSTRAINT pk_http_session_attribute PRIMARY KEY (session_primary_id, attribute_name),
    CONSTRAINT fk_http_session_attribute_session FOREIGN KEY (session_primary_id)
        REFERENCES http_session (primary_id) ON DELETE CASCADE
);
