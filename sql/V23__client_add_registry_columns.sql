-- What the client registry (admin API, clients file, dynamic registration) keeps beyond V1.
-- id_token_ttl_seconds: per-client ID token lifetime, NULL = baton.token.id-token-ttl.
-- backchannel_logout_*: OpenID Connect Back-Channel Logout 1.0 client metadata (stored; delivery comes later).
-- resource_server_audiences: space-separated audiences this client serves as an API; it may introspect access
--   tokens issued for them.
-- previous_secret_hash / previous_secret_expires_at: the secret replaced by a rotation, accepted until then.
-- updated_at / version: the last change, and a counter that every update checks and increments (optimistic
--   locking: an update made from a stale read changes no row).
-- registration_access_token_hash: SHA-256 of the RFC 7592 registration access token (dynamically registered
--   clients only); the client is found by client_id first, so this column needs no index.
ALTER TABLE client ADD COLUMN id_token_ttl_seconds INT NULL;
ALTER TABLE client ADD COLUMN backchannel_logout_uri VARCHAR(2000) NULL;
ALTER TABLE client ADD COLUMN backchannel_logout_session_required BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE client ADD COLUMN resource_server_audiences VARCHAR(1000) NOT NULL DEFAULT '';
ALTER TABLE client ADD COLUMN previous_secret_hash VARCHAR(200) NULL;
ALTER TABLE client ADD COLUMN previous_secret_expires_at TIMESTAMP(6) NULL;
ALTER TABLE client ADD COLUMN registration_access_token_hash BINARY(32) NULL;
ALTER TABLE client ADD COLUMN updated_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6);
ALTER TABLE client ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
UPDATE client SET updated_at = created_at;
