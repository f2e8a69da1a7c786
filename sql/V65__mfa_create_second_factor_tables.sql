-- The second factor of a sign-in (RFC 6238 TOTP) and its recovery codes. Both rows go with the account.
-- mfa_totp.secret_ciphertext: the TOTP secret, AES-256-GCM under the key-encryption key (baton.keys.encryption-key,
--   never in the database), bound to the account id; nothing usable at rest.
-- mfa_totp.last_used_step: the 30-second time step of the last accepted code; a code is accepted only for a
--   later step (one conditional UPDATE checked by its row count), so a used code cannot be used again.
-- mfa_recovery_code.code_hash: SHA-256 of a single-use recovery code; used_at is set by one conditional UPDATE
--   (used_at IS NULL), so each code signs in once, on any number of nodes.
CREATE TABLE mfa_totp (
    account_id          VARCHAR(36)     NOT NULL,
    secret_ciphertext   VARBINARY(128)  NOT NULL,
    last_used_step      BIGINT          NULL,
    enrolled_at         TIMESTAMP(6)    NOT NULL,
    CONSTRAINT pk_mfa_totp PRIMARY KEY (account_id),
    CONSTRAINT fk_mfa_totp_account FOREIGN KEY (account_id) REFERENCES user_account (id) ON DELETE CASCADE
);

CREATE TABLE mfa_recovery_code (
    code_hash           BINARY(32)      NOT NULL,
    account_id          VARCHAR(36)     NOT NULL,
    created_at          TIMESTAMP(6)    NOT NULL,
    used_at             TIMESTAMP(6)    NULL,
    CONSTRAINT pk_mfa_recovery_code PRIMARY KEY (code_hash),
    CONSTRAINT fk_mfa_recovery_code_account FOREIGN KEY (account_id) REFERENCES user_account (id) ON DELETE CASCADE
);
CREATE INDEX ix_mfa_recovery_code_account_id ON mfa_recovery_code (account_id);
