package dev.baton.auth.refresh;

import java.time.Instant;

/**
 * A refresh token value on its way to the client; it exists only in memory and in the
 * response.
 */
public record IssuedRefreshToken(String value, Instant issuedAt, Instant expiresAt) {

	@Override
	public String toString() {
		return "IssuedRefreshToken[issuedAt=" + this.issuedAt + ", expiresAt=" + this.expiresAt + "]";
	}

}
