-- Which browser a sign-in (token family) started in: the SHA-256 of the random BATON_BROWSER cookie of the
-- browser that received the authorization code, and that browser's user agent, keyed by the authorization id
-- (which becomes the family id when the code is redeemed). Lets the account page mark "this browser" and name
-- the browser a web app's session began in, without storing the cookie itself.
-- Rows of codes never redeemed are removed with their age (created_at).
CREATE TABLE family_browser (
    family_id       VARCHAR(36)   NOT NULL,
    browser_hash    BINARY(32)    NOT NULL,
    user_agent      VARCHAR(255)  NULL,
    created_at      TIMESTAMP(6)  NOT NULL,
    CONSTRAINT pk_family_browser PRIMARY KEY (family_id)
);
CREATE INDEX ix_family_browser_browser_hash ON family_browser (browser_hash);
CREATE INDEX ix_family_browser_created_at ON family_browser (created_at);
