-- A user's sub is user_account.id, a stable identifier that is never reassigned (OpenID Connect Core §2), and
-- never the username (which can be freed and registered again, and may equal a client id). Families and audit
-- events written before this version named users by username: they now name them by id. A username is at most
-- 32 characters and an id is a 36-character UUID, so no value can be taken for the other. Subjects that match
-- no account (a deleted user, a mistyped username of a failed sign-in) are left as they are: a family whose
-- subject is no account's id can no longer be refreshed.
UPDATE token_family
SET subject = (SELECT u.id FROM user_account u WHERE u.username = token_family.subject)
WHERE subject IN (SELECT username FROM user_account);

UPDATE audit_event
SET subject = (SELECT u.id FROM user_account u WHERE u.username = audit_event.subject)
WHERE subject IN (SELECT username FROM user_account);
