-- Security-relevant events. Never holds a token, a secret or their hashes.
CREATE TABLE audit_event (
    id              BIGINT        NOT NULL AUTO_INCREMENT,
    type            VARCHAR(60)   NOT NULL,
    occurred_at     TIMESTAMP(6)  NOT NULL,
    subject         VARCHAR(100)  NULL,
    client_id       VARCHAR(100)  NULL,
    family_id       VARCHAR(36)   NULL,
    ip              VARCHAR(45)   NULL,
    user_agent      VARCHAR(255)  NULL,
    detail          VARCHAR(200)  NULL,
    CONSTRAINT pk_audit_event PRIMARY KEY (id)
);
CREATE INDEX ix_audit_event_occurred_at ON audit_event (occurred_at);
CREATE INDEX ix_audit_event_subject_occurred_at ON audit_event (subject, occurred_at);
CREATE INDEX ix_audit_event_type_occurred_at ON audit_event (type, occurred_at);
CREATE INDEX ix_audit_event_family_id ON audit_event (family_id);
