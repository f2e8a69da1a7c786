-- One row that the start-up application of the clients file (baton.clients.file) locks with SELECT … FOR UPDATE,
-- so that nodes starting at once apply the file one after the other: the first writes, the others find every
-- client up to date. applied_at records the last application.
CREATE TABLE clients_file_lock (
    name            VARCHAR(64)   NOT NULL,
    applied_at      TIMESTAMP(6)  NULL,
    CONSTRAINT pk_clients_file_lock PRIMARY KEY (name)
);
INSERT INTO clients_file_lock (name, applied_at) VALUES ('clients-file', NULL);
