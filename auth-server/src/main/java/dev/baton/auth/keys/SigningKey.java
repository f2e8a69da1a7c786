package dev.baton.auth.keys;

import java.time.Instant;

import com.nimbusds.jose.jwk.JWK;

/**
 * One key of the signing key set.
 *
 * @param jwk the key pair; the private part exists only in memory, encrypted at rest
 * @param activatesAt from when it signs; it is published before, so resource servers know
 * it first
 * @param retiresAt from when it no longer signs, {@code null} while it is the newest key
 * @param unpublishAt from when it leaves the JWKS, after every token it signed has
 * expired
 */
public record SigningKey(String kid, SigningAlgorithm algorithm, JWK jwk, Instant createdAt, Instant activatesAt,
		Instant retiresAt, Instant unpublishAt) {

	public boolean signsAt(Instant now) {
		return !now.isBefore(this.activatesAt) && (this.retiresAt == null || now.isBefore(this.retiresAt));
	}

	public boolean isPublishedAt(Instant now) {
		return this.unpublishAt == null || now.isBefore(this.unpublishAt);
	}

	@Override
	public String toString() {
		return "SigningKey[kid=" + this.kid + ", algorithm=" + this.algorithm + "]";
	}

}
