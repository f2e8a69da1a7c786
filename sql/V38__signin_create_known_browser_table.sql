-- Browsers a user signed in with successfully: the SHA-256 of the browser's random BATON_BROWSER cookie per
-- username (the cookie itself is never stored). A failed sign-in from such a browser counts only against that
-- browser, so an attacker who floods a username from elsewhere cannot lock its owner out of the browsers they use.
-- Rows not used for baton.sign-in.known-browser-ttl are deleted by the scheduled cleanup.
CREATE TABLE sign_in_known_browser (
    username            VARCHAR(100)  NOT NULL,
    browser_hash        BINARY(32)    NOT NULL,
    last_sign_in_at     TIMESTAMP(6)  NOT NULL,
    CONSTRAINT pk_sign_in_known_browser PRIMARY KEY (username, browser_hash)
);
CREATE INDEX ix_sign_in_known_browser_last_sign_in_at ON sign_in_known_browser (last_sign_in_at);
