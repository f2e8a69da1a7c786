package dev.baton.auth.demo;

import java.time.Clock;
import java.time.Instant;

import dev.baton.auth.client.Client;
import dev.baton.auth.client.ClientRepository;
import dev.baton.auth.client.ClientSecretEncoder;
import dev.baton.auth.user.UserAccountRepository;
import dev.baton.auth.web.BatonServerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seeds the demo user and clients of DESIGN.md when {@code baton.demo.enabled} is true (the default in embedded
 * mode, off under the {@code mysql} profile). Idempotent: rows that exist are left as they are. Demo secrets are
 * stored hashed like any other.
 */
@Component
@ConditionalOnBooleanProperty(name = "baton.demo.enabled", havingValue = true, matchIfMissing = true)
class DemoDataSeeder implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(DemoDataSeeder.class);

	private final ClientRepository clients;

	private final UserAccountRepository accounts;

	private final PasswordEncoder passwordEncoder;

	private final TransactionTemplate transaction;

	private final Clock clock;

	private final String issuer;

	DemoDataSeeder(ClientRepository clients, UserAccountRepository accounts, PasswordEncoder passwordEncoder,
			TransactionTemplate transaction, Clock clock, BatonServerProperties server) {
		this.issuer = server.issuer();
		this.clients = clients;
		this.accounts = accounts;
		this.passwordEncoder = passwordEncoder;
		this.transaction = transaction;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		this.transaction.executeWithoutResult((status) -> seed());
	}

	private void seed() {
		Instant now = this.clock.instant();
		ClientSecretEncoder secrets = new ClientSecretEncoder();
		insertIfMissing(DemoData.mobileClient(now));
		insertIfMissing(DemoData.webClient(secrets.encode(DemoData.WEB_SECRET), now));
		insertIfMissing(DemoData.serviceClient(secrets.encode(DemoData.SERVICE_SECRET), now));
		insertIfMissing(DemoData.adminClient(secrets.encode(DemoData.ADMIN_SECRET), this.issuer, now));
		if (this.accounts.findByUsername(DemoData.USERNAME).isEmpty()) {
			this.accounts.insert(DemoData.alice(this.passwordEncoder.encode(DemoData.PASSWORD), now));
			logger.info("Seeded demo user {}", DemoData.USERNAME);
		}
	}

	private void insertIfMissing(Client client) {
		if (this.clients.findByClientId(client.clientId()).isEmpty()) {
			this.clients.insert(client);
			logger.info("Seeded demo client {}", client.clientId());
		}
	}

}
