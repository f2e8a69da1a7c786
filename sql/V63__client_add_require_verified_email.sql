-- Per client: users whose e-mail address is not verified are refused at the authorization endpoint
-- (access_denied), so an app that trusts the email claim only ever sees verified addresses.
ALTER TABLE client ADD COLUMN require_verified_email BOOLEAN NOT NULL DEFAULT FALSE;
