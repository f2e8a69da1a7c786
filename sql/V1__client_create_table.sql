-- Registered OAuth clients. Lists (grant types, scopes, URIs) are space-separated, as in the OAuth wire format.
-- Duration columns hold seconds; NULL means "use the server-wide default" (baton.refresh.*, baton.token.*).
CREATE TABLE client (
    id                              VARCHAR(36)   NOT NULL,
    client_id                       VARCHAR(100)  NOT NULL,
    client_name                     VARCHAR(200)  NOT NULL,
    client_secret_hash              VARCHAR(200)  NULL,
    client_authentication_methods   VARCHAR(200)  NOT NULL,
    authorization_grant_types       VARCHAR(200)  NOT NULL,
    redirect_uris                   VARCHAR(2000) NOT NULL,
    post_logout_redirect_uris       VARCHAR(2000) NOT NULL,
    scopes                          VARCHAR(1000) NOT NULL,
    audiences                       VARCHAR(1000) NOT NULL,
    require_proof_key               BOOLEAN       NOT NULL,
    first_party                     BOOLEAN       NOT NULL,
    access_token_ttl_seconds        INT           NULL,
    refresh_idle_ttl_seconds        INT           NULL,
    refresh_absolute_ttl_seconds    INT           NULL,
    refresh_grace_window_seconds    INT           NULL,
    created_at                      TIMESTAMP(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    CONSTRAINT pk_client PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ux_client_client_id ON client (client_id);
