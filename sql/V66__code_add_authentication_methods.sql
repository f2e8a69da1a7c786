-- How the user signed in (RFC 8176 amr values, space-separated, e.g. 'pwd' or 'pwd otp'), carried from the browser
-- sign-in through the authorization code to the ID token of the code exchange (amr and acr). Rows written before
-- this version were password sign-ins.
ALTER TABLE authorization_code ADD COLUMN amr VARCHAR(100) NOT NULL DEFAULT 'pwd';
