-- allowed_cors_origins: space-separated browser origins (https://app.example) that may call the token, revocation,
--   userinfo, JWKS and discovery endpoints cross-origin (CORS). Read with the client's row for the token and
--   revocation endpoints; searched by substring (like scopes) for preflights and the endpoints that name no
--   client, so an index would not help. The table holds one row per application.
ALTER TABLE client ADD COLUMN allowed_cors_origins VARCHAR(2000) NOT NULL DEFAULT '';
