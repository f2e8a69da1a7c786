-- Failed sign-ins, counted per account and per client IP (throttle_key 'account:<username>' or 'ip:<address>',
-- and 'registration-ip:<address>' for registrations that hit a taken username). One conditional UPDATE per
-- failure, so every node behind the load balancer sees the same counts. A key is locked while
-- failure_count >= the threshold and now < last_failure_at + the lock for that count (growing with each failure).
CREATE TABLE sign_in_throttle (
    throttle_key        VARCHAR(200)  NOT NULL,
    failure_count       INT           NOT NULL,
    first_failure_at    TIMESTAMP(6)  NOT NULL,
    last_failure_at     TIMESTAMP(6)  NOT NULL,
    CONSTRAINT pk_sign_in_throttle PRIMARY KEY (throttle_key)
);
CREATE INDEX ix_sign_in_throttle_last_failure_at ON sign_in_throttle (last_failure_at);
