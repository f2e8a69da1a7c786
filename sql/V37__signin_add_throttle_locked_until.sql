-- Each counted attempt now sets the end of the lock it causes (NULL: none), and attempts are counted before the
-- password is checked, with one conditional UPDATE on the count read (compare-and-set), so parallel attempts at a
-- lock's end cannot all slip through. Existing counters are dropped: they may hold 'account:<whatever was typed
-- into the username field>' keys (possibly a password); they only ever lock for minutes and start over empty.
DELETE FROM sign_in_throttle;
ALTER TABLE sign_in_throttle ADD COLUMN locked_until TIMESTAMP(6) NULL;
