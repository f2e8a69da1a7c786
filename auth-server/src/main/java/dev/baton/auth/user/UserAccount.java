package dev.baton.auth.user;

import java.time.Instant;

/**
 * A person who signs in. {@code username} is also the {@code sub} of the user's tokens.
 * @param passwordHash adaptive hash with its algorithm prefix, never the password
 */
public record UserAccount(String id, String username, String email, String displayName, String passwordHash,
		boolean enabled, Instant createdAt) {

	@Override
	public String toString() {
		return "UserAccount[id=" + this.id + ", username=" + this.username + "]";
	}

}
