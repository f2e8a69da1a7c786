-- Which key a signing key succeeds: the kid of the key it replaced, or 'first' for the first key of an empty key
-- set. The unique index lets exactly one key succeed a given key and exactly one first key exist, however many
-- nodes rotate or start at once on an empty database: the loser's INSERT fails and its transaction rolls back, so
-- its key is never stored nor published. Keys created before this migration keep NULL (a unique index allows
-- many NULLs).
ALTER TABLE signing_key ADD COLUMN succeeds VARCHAR(64) NULL;
CREATE UNIQUE INDEX ux_signing_key_succeeds ON signing_key (succeeds);
