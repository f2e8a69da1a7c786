-- Lets one node at a time run a scheduled job: a node takes the lock with a conditional UPDATE.
CREATE TABLE job_lock (
    name            VARCHAR(64)   NOT NULL,
    locked_until    TIMESTAMP(6)  NOT NULL,
    locked_by       VARCHAR(100)  NOT NULL,
    CONSTRAINT pk_job_lock PRIMARY KEY (name)
);
