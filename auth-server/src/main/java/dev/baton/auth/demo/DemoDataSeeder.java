package dev.baton.auth.demo;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;

import dev.baton.auth.database.TransactionRetry;
import dev.baton.auth.user.UserAccount;
import dev.baton.auth.user.UserAccountRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Conditional;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seeds the demo users of DESIGN.md in demo mode ({@link DemoMode}:
 * {@code baton.demo.enabled}, or by default when the server listens on loopback only, as
 * in embedded mode; off under the {@code mysql} profile). Idempotent: rows that exist are
 * left as they are. The demo clients are not seeded here: they are the clients file
 * {@code clients/demo-clients.yml} shipped with Baton ({@link DemoClientsConfiguration}),
 * applied like any other.
 */
@Component
@Conditional(DemoMode.class)
class DemoDataSeeder implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(DemoDataSeeder.class);

	private final UserAccountRepository accounts;

	private final PasswordEncoder passwordEncoder;

	private final TransactionTemplate transaction;

	private final Clock clock;

	private final TransactionRetry retry;

	DemoDataSeeder(UserAccountRepository accounts, PasswordEncoder passwordEncoder, TransactionTemplate transaction,
			Clock clock, TransactionRetry retry) {
		this.retry = retry;
		this.accounts = accounts;
		this.passwordEncoder = passwordEncoder;
		this.transaction = transaction;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		// Nodes started together on an empty database seed the same rows: the loser runs
		// again and finds them.
		this.retry.runInsertingIfMissing("seeding the demo users", () -> {
			this.transaction.executeWithoutResult((status) -> seed());
			return null;
		});
	}

	private void seed() {
		Instant now = this.clock.instant();
		if (this.accounts.findByUsername(DemoData.USERNAME).isEmpty()) {
			this.accounts.insert(DemoData.alice(this.passwordEncoder.encode(DemoData.PASSWORD), now));
			logger.info("Seeded demo user {}", DemoData.USERNAME);
		}
		else {
			// Seeded before addresses could be verified (V60): her demo address counts as
			// verified.
			this.accounts.findByUsername(DemoData.USERNAME)
				.filter((alice) -> !alice.emailVerified())
				.ifPresent((alice) -> this.accounts.markEmailVerified(alice.id(), DemoData.ALICE_EMAIL));
		}
		if (this.accounts.findByUsername(DemoData.ADMIN_USERNAME).isEmpty()) {
			UserAccount admin = DemoData.admin(this.passwordEncoder.encode(DemoData.ADMIN_PASSWORD), now);
			this.accounts.insert(admin);
			this.accounts.replaceRoles(admin.id(), Set.of("admin"));
			logger.info("Seeded demo administrator {}", DemoData.ADMIN_USERNAME);
		}
	}

}
