-- Scopes a user granted to a client that is not first-party, so the consent page is shown only once per new
-- scope. registered_client_id is client.id (the framework's RegisteredClient id); scopes are space-separated.
CREATE TABLE authorization_consent (
    registered_client_id    VARCHAR(36)   NOT NULL,
    principal_name          VARCHAR(100)  NOT NULL,
    scopes                  VARCHAR(1000) NOT NULL,
    granted_at              TIMESTAMP(6)  NOT NULL,
    CONSTRAINT pk_authorization_consent PRIMARY KEY (registered_client_id, principal_name),
    CONSTRAINT fk_authorization_consent_client FOREIGN KEY (registered_client_id)
        REFERENCES client (id) ON DELETE CASCADE
);
CREATE INDEX ix_authorization_consent_principal_name ON authorization_consent (principal_name);
