package dev.baton.auth.user;

import java.time.Instant;

/**
 * A person who signs in.
 * @param id the stable subject identifier, the {@code sub} of the user's tokens (OpenID Connect Core §2): a UUID
 * that is never reassigned, unlike the username, which a deleted account frees and which may equal a client id
 * @param passwordHash adaptive hash with its algorithm prefix, never the password
 */
public record UserAccount(String id, String username, String email, String displayName, String passwordHash,
		boolean enabled, Instant createdAt) {

	@Override
	public String toString() {
		return "UserAccount[id=" + this.id + ", username=" + this.username + "]";
	}

}
