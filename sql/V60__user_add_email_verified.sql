-- Whether the account's e-mail address was proven by a verification link (OpenID Connect Core §5.1
-- email_verified). Accounts that existed before have unverified addresses; the demo seeds alice verified.
ALTER TABLE user_account ADD COLUMN email_verified BOOLEAN NOT NULL DEFAULT FALSE;
