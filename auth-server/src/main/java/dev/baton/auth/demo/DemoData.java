package dev.baton.auth.demo;

import java.time.Instant;
import java.util.UUID;

import dev.baton.auth.user.UserAccount;

/**
 * The demo users of DESIGN.md: tests and docs depend on these exact values. The demo clients are the clients file
 * {@code clients/demo-clients.yml}.
 */
final class DemoData {

	static final String USERNAME = "alice";

	static final String PASSWORD = "alice-demo-password";

	private DemoData() {
	}

	static UserAccount alice(String passwordHash, Instant now) {
		return new UserAccount(UUID.randomUUID().toString(), USERNAME, "alice@example.com", "Alice Example",
				passwordHash, true, now);
	}

}
