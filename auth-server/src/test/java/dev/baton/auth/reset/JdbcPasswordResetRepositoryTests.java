package dev.baton.auth.reset;

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
 * The {@code password_reset} table on the real schema: single use, expiry, hashes only.
 */
class JdbcPasswordResetRepositoryTests {

	private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	private final InMemoryDatabase db = InMemoryDatabase.migrated();

	private final JdbcPasswordResetRepository resets = new JdbcPasswordResetRepository(this.db.jdbc());

	@BeforeEach
	void insertAccount() {
		new JdbcUserAccountRepository(this.db.jdbc())
			.insert(new UserAccount("u-1", "alice", "alice@example.com", "Alice", "{noop}x", true, NOW));
	}

	@AfterEach
	void shutdown() {
		this.db.shutdown();
	}

	@Test
	void consumeWhenUnusedThenOnceOnly() {
		TokenHash hash = TokenHash.of(OpaqueTokens.generate());
		this.resets.insert(hash, "u-1", NOW, NOW.plus(Duration.ofMinutes(15)));

		assertThat(this.resets.consume(hash, NOW.plusSeconds(60))).contains("u-1");
		assertThat(this.resets.consume(hash, NOW.plusSeconds(61))).isEmpty();
		assertThat(this.resets.find(hash, NOW.plusSeconds(61))).isEmpty();
	}

	@Test
	void consumeWhenExpiredThenRefusedAndTheCleanupRemovesIt() {
		TokenHash hash = TokenHash.of(OpaqueTokens.generate());
		this.resets.insert(hash, "u-1", NOW, NOW.plus(Duration.ofMinutes(15)));

		assertThat(this.resets.find(hash, NOW.plus(Duration.ofMinutes(15)))).isEmpty();
		assertThat(this.resets.consume(hash, NOW.plus(Duration.ofMinutes(16)))).isEmpty();
		assertThat(this.resets.deleteExpired(NOW.plus(Duration.ofMinutes(16)), 10)).isEqualTo(1);
	}

	@Test
	void consumeWhenUnknownTokenThenEmpty() {
		assertThat(this.resets.consume(TokenHash.of("unknown"), NOW)).isEmpty();
	}

	@Test
	void deleteAllOfWhenSeveralLinksThenEveryOneGoes() {
		TokenHash first = TokenHash.of(OpaqueTokens.generate());
		TokenHash second = TokenHash.of(OpaqueTokens.generate());
		this.resets.insert(first, "u-1", NOW, NOW.plus(Duration.ofMinutes(15)));
		this.resets.insert(second, "u-1", NOW, NOW.plus(Duration.ofMinutes(15)));

		assertThat(this.resets.deleteAllOf("u-1")).isEqualTo(2);
		assertThat(this.resets.find(second, NOW)).isEmpty();
	}

	@Test
	void insertThenOnlyTheHashIsStored() {
		String token = OpaqueTokens.generate();
		this.resets.insert(TokenHash.of(token), "u-1", NOW, NOW.plus(Duration.ofMinutes(15)));

		byte[] stored = this.db.jdbc().queryForObject("SELECT token_hash FROM password_reset", byte[].class);

		assertThat(stored).isEqualTo(TokenHash.sha256(token.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
	}

	@Test
	void deleteAccountThenItsLinksGoWithIt() {
		this.resets.insert(TokenHash.of(OpaqueTokens.generate()), "u-1", NOW, NOW.plus(Duration.ofMinutes(15)));

		new JdbcUserAccountRepository(this.db.jdbc()).delete("u-1");

		assertThat(this.db.jdbc().queryForObject("SELECT COUNT(*) FROM password_reset", Integer.class)).isZero();
	}

}
