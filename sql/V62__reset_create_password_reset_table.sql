-- Pending password-reset links: one row per link sent, keyed by the SHA-256 of the link's token (the token itself
-- is only in the mail). Setting a new password deletes the row (single use, a DELETE checked by its row count)
-- together with every other link of the account; expired rows are deleted by the cleanup job.
CREATE TABLE password_reset (
    token_hash      BINARY(32)    NOT NULL,
    user_id         VARCHAR(36)   NOT NULL,
    created_at      TIMESTAMP(6)  NOT NULL,
    expires_at      TIMESTAMP(6)  NOT NULL,
    CONSTRAINT pk_password_reset PRIMARY KEY (token_hash),
    CONSTRAINT fk_password_reset_user FOREIGN KEY (user_id) REFERENCES user_account (id) ON DELETE CASCADE
);
CREATE INDEX ix_password_reset_user_id ON password_reset (user_id);
CREATE INDEX ix_password_reset_expires_at ON password_reset (expires_at);
