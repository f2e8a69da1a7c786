package dev.baton.auth.account;

import java.time.Duration;
import java.time.Instant;

import dev.baton.auth.crypto.OpaqueTokens;
import dev.baton.auth.crypto.TokenHash;
import dev.baton.auth.testsupport.InMemoryDatabase;
import dev.baton.auth.user.JdbcUserAccountRepository;
import dev.baton.auth.user.UserAccount;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code email_verification} table and the account's verified flag on the real
 * schema.
 */
class JdbcEmailVerificationRepositoryTests {

	private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	private final InMemoryDatabase db = InMemoryDatabase.migrated();

	private final JdbcEmailVerificationRepository verifications = new JdbcEmailVerificationRepository(this.db.jdbc());

	private final JdbcUserAccountRepository accounts = new JdbcUserAccountRepository(this.db.jdbc());

	@BeforeEach
	void insertAccount() {
		this.accounts.insert(new UserAccount("u-1", "bob", "Bob@Example.com", "Bob", "{noop}x", true, NOW));
	}

	@AfterEach
	void shutdown() {
		this.db.shutdown();
	}

	@Test
	void consumeWhenUnusedThenTheAddressOnceOnly() {
		TokenHash hash = TokenHash.of(OpaqueTokens.generate());
		this.verifications.insert(hash, "u-1", "New@Example.org", NOW, NOW.plus(Duration.ofHours(24)));

		assertThat(this.verifications.consume(hash, NOW.plusSeconds(1)))
			.contains(new JdbcEmailVerificationRepository.PendingVerification("u-1", "new@example.org"));
		assertThat(this.verifications.consume(hash, NOW.plusSeconds(2))).isEmpty();
	}

	@Test
	void consumeWhenExpiredThenRefused() {
		TokenHash hash = TokenHash.of(OpaqueTokens.generate());
		this.verifications.insert(hash, "u-1", "bob@example.com", NOW, NOW.plus(Duration.ofHours(24)));

		assertThat(this.verifications.consume(hash, NOW.plus(Duration.ofHours(24)))).isEmpty();
		assertThat(this.verifications.deleteExpired(NOW.plus(Duration.ofHours(25)), 10)).isEqualTo(1);
	}

	@Test
	void newAccountThenUnverifiedUntilMarked() {
		assertThat(this.accounts.findById("u-1").orElseThrow().emailVerified()).isFalse();

		assertThat(this.accounts.markEmailVerified("u-1", "other@example.com")).isFalse();
		assertThat(this.accounts.markEmailVerified("u-1", "BOB@example.com")).isTrue();

		UserAccount account = this.accounts.findByEmail("bob@EXAMPLE.com").orElseThrow();
		assertThat(account.emailVerified()).isTrue();
		assertThat(account.email()).isEqualTo("bob@example.com");
	}

	@Test
	void updateEmailThenTheNewAddressWithItsFlag() {
		this.accounts.updateEmail("u-1", "New@Example.org", true);

		UserAccount account = this.accounts.findById("u-1").orElseThrow();
		assertThat(account.email()).isEqualTo("new@example.org");
		assertThat(account.emailVerified()).isTrue();
	}

}
