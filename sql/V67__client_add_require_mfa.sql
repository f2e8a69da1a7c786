-- require_mfa: the client's users must sign in with a second factor (a user without one sets it up first).
ALTER TABLE client ADD COLUMN require_mfa BOOLEAN NOT NULL DEFAULT FALSE;
