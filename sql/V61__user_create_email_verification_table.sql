-- Pending e-mail verification links: one row per link sent, keyed by the SHA-256 of the link's token (the token
-- itself is only in the mail). email is the address the link proves: the account's address after registration,
-- or a new address the user asked for, which the account takes only when the link is used. Using a link deletes
-- its row (single use, a DELETE checked by its row count); expired rows are deleted by the cleanup job.
CREATE TABLE email_verification (
    token_hash      BINARY(32)    NOT NULL,
    user_id         VARCHAR(36)   NOT NULL,
    email           VARCHAR(254)  NOT NULL,
    created_at      TIMESTAMP(6)  NOT NULL,
    expires_at      TIMESTAMP(6)  NOT NULL,
    CONSTRAINT pk_email_verification PRIMARY KEY (token_hash),
    CONSTRAINT fk_email_verification_user FOREIGN KEY (user_id) REFERENCES user_account (id) ON DELETE CASCADE
);
CREATE INDEX ix_email_verification_user_id ON email_verification (user_id);
CREATE INDEX ix_email_verification_expires_at ON email_verification (expires_at);
