package dev.baton.auth.refresh;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import dev.baton.auth.client.Client;
import dev.baton.auth.client.JdbcClientRepository;
import dev.baton.auth.crypto.TokenHash;
import dev.baton.auth.support.RequestOrigin;
import dev.baton.auth.testsupport.InMemoryDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DuplicateKeyException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class JdbcRefreshTokenRepositoryTests {

	private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	private final InMemoryDatabase db = InMemoryDatabase.migrated();

	private final JdbcRefreshTokenRepository tokens = new JdbcRefreshTokenRepository(this.db.jdbc());

	private final JdbcTokenFamilyRepository families = new JdbcTokenFamilyRepository(this.db.jdbc());

	JdbcRefreshTokenRepositoryTests() {
		new JdbcClientRepository(this.db.jdbc()).insert(Client.withClientId("demo-mobile").createdAt(NOW).build());
		this.families.insert(new TokenFamily("family-1", "demo-mobile", "alice", Set.of("openid", "notes.read"),
				Set.of("http://localhost:8080"), NOW, NOW, NOW.plus(Duration.ofDays(90)), null, null));
	}

	@AfterEach
	void shutdown() {
		this.db.shutdown();
	}

	@Test
	void consumeWhenUnconsumedThenTrueAndSecondCallFalse() {
		TokenHash hash = insert("token-0", 0);

		boolean first = this.tokens.consume(hash, NOW.plusSeconds(1), new byte[] { 1 }, NOW.plusSeconds(16));
		boolean second = this.tokens.consume(hash, NOW.plusSeconds(2), new byte[] { 2 }, NOW.plusSeconds(17));

		assertThat(first).isTrue();
		assertThat(second).isFalse();
		RefreshToken stored = this.tokens.findWithFamily(hash).orElseThrow().token();
		assertThat(stored.consumedAt()).isEqualTo(NOW.plusSeconds(1));
		assertThat(stored.successorCiphertext()).containsExactly(1);
	}

	@Test
	void consumeWhenUnknownThenFalse() {
		assertThat(this.tokens.consume(TokenHash.of("never-issued"), NOW, null, null)).isFalse();
	}

	@Test
	void findWithFamilyWhenStoredThenTokenAndFamilyInOneRead() {
		TokenHash hash = insert("token-0", 0);

		RefreshTokenRepository.TokenWithFamily found = this.tokens.findWithFamily(hash).orElseThrow();

		assertThat(found.token().tokenHash()).isEqualTo(hash);
		assertThat(found.token().generation()).isZero();
		assertThat(found.token().expiresAt()).isEqualTo(NOW.plus(Duration.ofDays(14)));
		assertThat(found.token().isConsumed()).isFalse();
		assertThat(found.family().id()).isEqualTo("family-1");
		assertThat(found.family().scopes()).containsExactlyInAnyOrder("openid", "notes.read");
		assertThat(found.family().resources()).containsExactly("http://localhost:8080");
	}

	@Test
	void findWithFamilyWhenUnknownThenEmpty() {
		insert("token-0", 0);

		assertThat(this.tokens.findWithFamily(TokenHash.of("token-1"))).isEmpty();
	}

	@Test
	void findWithFamilyWhenQueriedThenUsesPrimaryKeyIndex() {
		String plan = this.db.jdbc()
			.queryForObject("EXPLAIN SELECT t.family_id FROM refresh_token t JOIN token_family f "
					+ "ON f.id = t.family_id WHERE t.token_hash = X'00'", String.class);

		// H2 names the index it chose in a comment after the table: the primary key, on
		// token_hash.
		assertThat(plan.toLowerCase())
			.containsPattern("\"refresh_token\" \"t\"\\s*/\\* public\\.primary_key_\\w+: token_hash = x'00' \\*/")
			.doesNotContain("tablescan");
	}

	@Test
	void insertWhenSameGenerationTwiceInFamilyThenRejected() {
		insert("token-0", 0);

		assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> insert("forked-token", 0));
	}

	@Test
	void insertWhenSameTokenTwiceThenRejected() {
		insert("token-0", 0);

		assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> insert("token-0", 1));
	}

	@Test
	void insertWhenOriginGivenThenStoredWithTheToken() {
		TokenHash hash = TokenHash.of("token-0");
		this.tokens.insert(new RefreshToken(hash, "family-1", 0, NOW, NOW.plus(Duration.ofDays(14)), null, null),
				new RequestOrigin("2001:db8::1", "Mobile/1.0"));

		Map<String, Object> row = this.db.jdbc()
			.queryForMap("SELECT client_ip, user_agent FROM refresh_token WHERE token_hash = ?", (Object) hash.bytes());

		assertThat(row).containsEntry("client_ip", "2001:db8::1").containsEntry("user_agent", "Mobile/1.0");
	}

	@Test
	void findByFamilyAndGenerationAndFindNewestWhenChainStoredThenFindThem() {
		insert("token-0", 0);
		insert("token-1", 1);
		TokenHash newest = insert("token-2", 2);

		assertThat(this.tokens.findByFamilyAndGeneration("family-1", 1).orElseThrow().tokenHash())
			.isEqualTo(TokenHash.of("token-1"));
		assertThat(this.tokens.findByFamilyAndGeneration("family-1", 3)).isEmpty();
		assertThat(this.tokens.findNewest("family-1").orElseThrow().tokenHash()).isEqualTo(newest);
	}

	@Test
	void eraseExpiredSuccessorsWhenWindowPassedThenErasesOnlyThose() {
		TokenHash passed = insert("token-0", 0);
		TokenHash running = insert("token-1", 1);
		this.tokens.consume(passed, NOW, new byte[] { 1 }, NOW.plusSeconds(15));
		this.tokens.consume(running, NOW.plusSeconds(10), new byte[] { 2 }, NOW.plusSeconds(25));

		int erased = this.tokens.eraseExpiredSuccessors(NOW.plusSeconds(20));

		assertThat(erased).isEqualTo(1);
		assertThat(this.tokens.findWithFamily(passed).orElseThrow().token().successorCiphertext()).isNull();
		assertThat(this.tokens.findWithFamily(passed).orElseThrow().token().isConsumed()).isTrue();
		assertThat(this.tokens.findWithFamily(running).orElseThrow().token().successorCiphertext()).isNotNull();
	}

	@Test
	void deleteExpiredFamilyWhenTokensStoredThenTokensGoWithIt() {
		insert("token-0", 0);

		this.families.deleteExpired(NOW.plus(Duration.ofDays(91)), 10);

		assertThat(this.tokens.findWithFamily(TokenHash.of("token-0"))).isEmpty();
		assertThat(this.db.jdbc().queryForObject("SELECT COUNT(*) FROM refresh_token", Integer.class)).isZero();
	}

	private TokenHash insert(String value, int generation) {
		TokenHash hash = TokenHash.of(value);
		this.tokens.insert(
				new RefreshToken(hash, "family-1", generation, NOW, NOW.plus(Duration.ofDays(14)), null, null),
				RequestOrigin.UNKNOWN);
		return hash;
	}

}
