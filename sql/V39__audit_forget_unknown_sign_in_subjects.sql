-- Failed sign-ins used to record whatever was typed into the username field as the subject, a password typed
-- there included. Such events of names that are no account are kept (with their IP and time) but lose the text.
-- V30 has already rewritten the subjects of existing accounts to their ids, so an account is matched either way.
UPDATE audit_event SET subject = NULL
 WHERE type = 'SIGN_IN_FAILED'
   AND subject IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM user_account u
                    WHERE u.id = audit_event.subject OR u.username = audit_event.subject);
