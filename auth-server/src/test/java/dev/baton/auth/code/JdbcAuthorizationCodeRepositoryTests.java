package dev.baton.auth.code;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import dev.baton.auth.client.Client;
import dev.baton.auth.client.JdbcClientRepository;
import dev.baton.auth.crypto.TokenHash;
import dev.baton.auth.testsupport.InMemoryDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JdbcAuthorizationCodeRepositoryTests {

	private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	private final InMemoryDatabase db = InMemoryDatabase.migrated();

	private final JdbcAuthorizationCodeRepository codes = new JdbcAuthorizationCodeRepository(this.db.jdbc());

	JdbcAuthorizationCodeRepositoryTests() {
		new JdbcClientRepository(this.db.jdbc()).insert(Client.withClientId("demo-web").createdAt(NOW).build());
	}

	@AfterEach
	void shutdown() {
		this.db.shutdown();
	}

	@Test
	void findByCodeHashWhenStoredThenRowWithoutTheCodeItself() {
		AuthorizationCode code = TestAuthorizationCodes.code("authz-1", "demo-web", NOW.plusSeconds(300));
		this.codes.insert(code);

		AuthorizationCode found = this.codes.findByCodeHash(code.codeHash()).orElseThrow();

		assertThat(found).usingRecursiveComparison().isEqualTo(code);
		assertThat(this.codes.findByCodeHash(TokenHash.of("another code"))).isEmpty();
	}

	@Test
	void consumeWhenGrantedCodeThenTrueOnceAndFalseAfter() {
		this.codes.insert(TestAuthorizationCodes.code("authz-1", "demo-web", NOW.plusSeconds(300)));

		assertThat(this.codes.consume("authz-1", NOW)).isTrue();
		assertThat(this.codes.consume("authz-1", NOW.plusSeconds(1))).isFalse();
		assertThat(this.codes.findById("authz-1").orElseThrow().consumedAt()).isEqualTo(NOW);
	}

	@Test
	void consumeWhenOnlyWaitingForConsentThenFalse() {
		this.codes.insert(consentRequest("authz-1", TokenHash.of("consent-state")));

		assertThat(this.codes.consume("authz-1", NOW)).isFalse();
	}

	@Test
	void grantCodeWhenWaitingForConsentThenBecomesCodeOnce() {
		TokenHash state = TokenHash.of("consent-state");
		this.codes.insert(consentRequest("authz-1", state));
		TokenHash code = TokenHash.of("the-code");

		boolean granted = this.codes.grantCode("authz-1", code, Set.of("openid"), NOW, NOW.plusSeconds(300));
		boolean again = this.codes.grantCode("authz-1", TokenHash.of("other"), Set.of("openid"), NOW,
				NOW.plusSeconds(300));

		assertThat(granted).isTrue();
		assertThat(again).isFalse();
		assertThat(this.codes.findByConsentStateHash(state)).isEmpty();
		assertThat(this.codes.findByCodeHash(code).orElseThrow().scopes()).containsExactly("openid");
	}

	@Test
	void findByHashWhenQueriedThenUsesUniqueIndexes() {
		assertThat(plan("SELECT id FROM authorization_code WHERE code_hash = X'00'"))
			.contains("ux_authorization_code_code_hash");
		assertThat(plan("SELECT id FROM authorization_code WHERE consent_state_hash = X'00'"))
			.contains("ux_authorization_code_consent_state_hash");
		assertThat(plan("DELETE FROM authorization_code WHERE expires_at < TIMESTAMP '2026-01-01 00:00:00' LIMIT 5"))
			.contains("ix_authorization_code_expires_at");
	}

	@Test
	void deleteExpiredWhenMoreThanLimitThenDeletesUpToLimitOfExpiredOnly() {
		for (int i = 0; i < 3; i++) {
			this.codes.insert(TestAuthorizationCodes.code("expired-" + i, "demo-web", NOW.minusSeconds(i + 1)));
		}
		this.codes.insert(TestAuthorizationCodes.code("live", "demo-web", NOW.plusSeconds(1)));

		assertThat(this.codes.deleteExpired(NOW, 2)).isEqualTo(2);
		assertThat(this.codes.deleteExpired(NOW, 2)).isEqualTo(1);
		assertThat(this.codes.findById("live")).isPresent();
	}

	private String plan(String sql) {
		return this.db.jdbc().queryForObject("EXPLAIN " + sql, String.class);
	}

	private static AuthorizationCode consentRequest(String id, TokenHash state) {
		return new AuthorizationCode(id, null, state, "demo-web", "alice", NOW, Set.of("openid", "notes.read"),
				"http://127.0.0.1:8765/callback", "client-state", null, null, null, Set.of(), NOW,
				NOW.plus(Duration.ofMinutes(5)), null);
	}

}
