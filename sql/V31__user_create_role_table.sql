-- Roles of a user (at least "admin", which opens the admin console). One row per role; the account's rows go
-- with it when it is deleted.
CREATE TABLE user_role (
    user_id         VARCHAR(36)   NOT NULL,
    role            VARCHAR(40)   NOT NULL,
    CONSTRAINT pk_user_role PRIMARY KEY (user_id, role),
    CONSTRAINT fk_user_role_user FOREIGN KEY (user_id) REFERENCES user_account (id) ON DELETE CASCADE
);
