package dev.baton.auth.user;

import java.time.Instant;

/**
 * A person who signs in.
 *
 * @param id the stable subject identifier, the {@code sub} of the user's tokens (OpenID
 * Connect Core §2): a UUID that is never reassigned, unlike the username, which a deleted
 * account frees and which may equal a client id
 * @param emailVerified whether a verification link sent to {@code email} was used (the
 * {@code email_verified} claim, OpenID Connect Core §5.1)
 * @param passwordHash adaptive hash with its algorithm prefix, never the password
 */
public record UserAccount(String id, String username, String email, boolean emailVerified, String displayName,
		String passwordHash, boolean enabled, Instant createdAt) {

	/** An account whose address (if any) is not verified yet. */
	public UserAccount(String id, String username, String email, String displayName, String passwordHash,
			boolean enabled, Instant createdAt) {
		this(id, username, email, false, displayName, passwordHash, enabled, createdAt);
	}

	@Override
	public String toString() {
		return "UserAccount[id=" + this.id + ", username=" + this.username + "]";
	}

}
