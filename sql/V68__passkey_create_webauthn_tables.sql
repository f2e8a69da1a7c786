-- Passkeys (WebAuthn), in the tables of Spring Security's JdbcPublicKeyCredentialUserEntityRepository and
-- JdbcUserCredentialRepository, whose SQL names them (hence the plural names, an exception to Baton's singular
-- table names). Adapted from the framework's user-entities-schema.sql and user-credentials-schema.sql so they run on
-- MySQL/MariaDB and H2 alike: an indexed VARCHAR stays within InnoDB's 3072-byte key limit in utf8mb4 (ids are
-- base64url: a user handle is 86 characters, a credential id at most 1364 for 1023 bytes, in practice far fewer),
-- TIMESTAMP(6), a unique user name (the framework finds a user entity by it) and an indexed foreign key.
-- user_entities.name is the Baton username; user_credentials holds public keys only (nothing secret at rest).
CREATE TABLE user_entities (
    id                              VARCHAR(255)    NOT NULL,
    name                            VARCHAR(100)    NOT NULL,
    display_name                    VARCHAR(200)    NULL,
    CONSTRAINT pk_user_entities PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ux_user_entities_name ON user_entities (name);

CREATE TABLE user_credentials (
    credential_id                   VARCHAR(700)    NOT NULL,
    user_entity_user_id             VARCHAR(255)    NOT NULL,
    public_key                      BLOB            NOT NULL,
    signature_count                 BIGINT          NULL,
    uv_initialized                  BOOLEAN         NULL,
    backup_eligible                 BOOLEAN         NOT NULL,
    authenticator_transports        VARCHAR(1000)   NULL,
    public_key_credential_type      VARCHAR(100)    NULL,
    backup_state                    BOOLEAN         NOT NULL,
    attestation_object              BLOB            NULL,
    attestation_client_data_json    BLOB            NULL,
    created                         TIMESTAMP(6)    NULL,
    last_used                       TIMESTAMP(6)    NULL,
    label                           VARCHAR(1000)   NOT NULL,
    CONSTRAINT pk_user_credentials PRIMARY KEY (credential_id),
    CONSTRAINT fk_user_credentials_user_entity FOREIGN KEY (user_entity_user_id) REFERENCES user_entities (id)
        ON DELETE CASCADE
);
CREATE INDEX ix_user_credentials_user_entity_user_id ON user_credentials (user_entity_user_id);
