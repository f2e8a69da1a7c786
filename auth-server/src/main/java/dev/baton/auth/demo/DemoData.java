package dev.baton.auth.demo;

import java.time.Instant;
import java.util.UUID;

import dev.baton.auth.user.UserAccount;

/**
 * The demo users of DESIGN.md: tests and docs depend on these exact values. The demo
 * clients are the clients file {@code clients/demo-clients.yml}; their public secrets are
 * repeated here only for the ready log line.
 */
final class DemoData {

	static final String USERNAME = "alice";

	static final String PASSWORD = "alice-demo-password";

	/** Verified, so demo apps that require verified addresses let her in. */
	static final String ALICE_EMAIL = "alice@example.com";

	static final String ADMIN_USERNAME = "admin";

	static final String ADMIN_PASSWORD = "admin-demo-password";

	static final String WEB_SECRET = "demo-web-secret";

	static final String SERVICE_SECRET = "demo-service-secret";

	static final String BFF_SECRET = "demo-bff-secret";

	static final String ADMIN_SECRET = "demo-admin-secret";

	private DemoData() {
	}

	static UserAccount alice(String passwordHash, Instant now) {
		return new UserAccount(UUID.randomUUID().toString(), USERNAME, ALICE_EMAIL, true, "Alice Example", passwordHash,
				true, now);
	}

	/** The demo administrator (role {@code admin}). */
	static UserAccount admin(String passwordHash, Instant now) {
		return new UserAccount(UUID.randomUUID().toString(), ADMIN_USERNAME, "admin@example.com", true,
				"Demo Administrator", passwordHash, true, now);
	}

}
