-- The signing key set. The private key (as a JWK) is stored encrypted with AES-256-GCM under the key-encryption
-- key from configuration (baton.keys.encryption-key); the key id is the associated data. public_jwk is public.
-- A key signs from activates_at until retires_at and is published in the JWKS until unpublish_at.
CREATE TABLE signing_key (
    kid                     VARCHAR(64)    NOT NULL,
    algorithm               VARCHAR(16)    NOT NULL,
    public_jwk              VARCHAR(4000)  NOT NULL,
    private_jwk_ciphertext  VARBINARY(8192) NOT NULL,
    created_at              TIMESTAMP(6)   NOT NULL,
    activates_at            TIMESTAMP(6)   NOT NULL,
    retires_at              TIMESTAMP(6)   NULL,
    unpublish_at            TIMESTAMP(6)   NULL,
    CONSTRAINT pk_signing_key PRIMARY KEY (kid)
);
CREATE INDEX ix_signing_key_activates_at ON signing_key (activates_at);
