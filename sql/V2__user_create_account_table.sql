-- People who sign in. username and email are stored lower-cased, so the unique indexes are case-insensitive
-- on every engine. password_hash is an adaptive hash with its algorithm prefix ({bcrypt}..., {argon2}...).
CREATE TABLE user_account (
    id              VARCHAR(36)   NOT NULL,
    username        VARCHAR(64)   NOT NULL,
    email           VARCHAR(254)  NULL,
    display_name    VARCHAR(200)  NOT NULL,
    password_hash   VARCHAR(255)  NOT NULL,
    enabled         BOOLEAN       NOT NULL,
    created_at      TIMESTAMP(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    CONSTRAINT pk_user_account PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ux_user_account_username ON user_account (username);
CREATE UNIQUE INDEX ux_user_account_email ON user_account (email);
