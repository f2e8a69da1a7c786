-- A fencing token per lock: every acquisition increments it, and renewal and release are conditional on the
-- holder's own token, so a node whose lease ended and was taken over can neither extend nor release the new
-- holder's lease (it learns that it lost the lock and stops).
ALTER TABLE job_lock ADD COLUMN fencing_token BIGINT NOT NULL DEFAULT 0;
