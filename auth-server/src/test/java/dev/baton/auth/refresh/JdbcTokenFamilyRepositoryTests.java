package dev.baton.auth.refresh;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import dev.baton.auth.client.Client;
import dev.baton.auth.client.JdbcClientRepository;
import dev.baton.auth.testsupport.InMemoryDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JdbcTokenFamilyRepositoryTests {

	private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	private final InMemoryDatabase db = InMemoryDatabase.migrated();

	private final JdbcTokenFamilyRepository families = new JdbcTokenFamilyRepository(this.db.jdbc());

	JdbcTokenFamilyRepositoryTests() {
		JdbcClientRepository clients = new JdbcClientRepository(this.db.jdbc());
		clients.insert(Client.withClientId("demo-mobile").createdAt(NOW).build());
		clients.insert(Client.withClientId("demo-web").createdAt(NOW).build());
	}

	@AfterEach
	void shutdown() {
		this.db.shutdown();
	}

	@Test
	void insertWhenReadBackThenEqual() {
		TokenFamily family = family("family-1", "alice", "demo-mobile", NOW.plus(Duration.ofDays(90)));

		assertThat(this.families.findById("family-1")).contains(family);
		assertThat(this.families.findById("family-2")).isEmpty();
	}

	@Test
	void revokeWhenLiveThenTrueAndSecondRevocationFalseKeepingFirstReason() {
		family("family-1", "alice", "demo-mobile", NOW.plus(Duration.ofDays(90)));

		boolean first = this.families.revoke("family-1", NOW, RevocationReason.REUSE_DETECTED);
		boolean second = this.families.revoke("family-1", NOW.plusSeconds(1), RevocationReason.SIGNED_OUT);

		assertThat(first).isTrue();
		assertThat(second).isFalse();
		TokenFamily revoked = this.families.findById("family-1").orElseThrow();
		assertThat(revoked.revokedAt()).isEqualTo(NOW);
		assertThat(revoked.revokedReason()).isEqualTo(RevocationReason.REUSE_DETECTED);
	}

	@Test
	void revokeWhenUnknownThenFalse() {
		assertThat(this.families.revoke("nobody", NOW, RevocationReason.ADMIN_REVOKED)).isFalse();
	}

	@Test
	void revokeAllOfSubjectWhenSeveralFamiliesThenRevokesLiveOnesExceptKept() {
		family("kept", "alice", "demo-mobile", NOW.plus(Duration.ofDays(90)));
		family("phone", "alice", "demo-mobile", NOW.plus(Duration.ofDays(90)));
		family("laptop", "alice", "demo-web", NOW.plus(Duration.ofDays(90)));
		family("expired", "alice", "demo-web", NOW.minusSeconds(1));
		family("revoked", "alice", "demo-web", NOW.plus(Duration.ofDays(90)));
		this.families.revoke("revoked", NOW.minusSeconds(60), RevocationReason.SIGNED_OUT);
		family("bob", "bob", "demo-web", NOW.plus(Duration.ofDays(90)));

		assertThat(this.families.revokeAllOfSubject("alice", "kept", NOW, RevocationReason.PASSWORD_CHANGED))
			.containsExactlyInAnyOrder("phone", "laptop");
		assertThat(this.families.findById("kept").orElseThrow().isRevoked()).isFalse();
		assertThat(this.families.findById("bob").orElseThrow().isRevoked()).isFalse();
		assertThat(this.families.findById("revoked").orElseThrow().revokedReason())
			.isEqualTo(RevocationReason.SIGNED_OUT);
		assertThat(this.families.findById("phone").orElseThrow().revokedReason())
			.isEqualTo(RevocationReason.PASSWORD_CHANGED);
	}

	@Test
	void deleteExpiredWhenMoreThanLimitThenDeletesOldestUpToLimit() {
		family("oldest", "alice", "demo-mobile", NOW.minus(Duration.ofDays(3)));
		family("older", "alice", "demo-mobile", NOW.minus(Duration.ofDays(2)));
		family("old", "alice", "demo-mobile", NOW.minus(Duration.ofDays(1)));
		family("live", "alice", "demo-mobile", NOW.plus(Duration.ofDays(1)));

		assertThat(this.families.deleteExpired(NOW, 2)).isEqualTo(2);
		assertThat(this.families.findById("oldest")).isEmpty();
		assertThat(this.families.findById("older")).isEmpty();
		assertThat(this.families.findById("old")).isPresent();
		assertThat(this.families.deleteExpired(NOW, 2)).isEqualTo(1);
		assertThat(this.families.findById("live")).isPresent();
	}

	private TokenFamily family(String id, String subject, String clientId, Instant absoluteExpiresAt) {
		TokenFamily family = new TokenFamily(id, clientId, subject, Set.of("openid", "notes.read"),
				Set.of("http://localhost:8080"), NOW.minusSeconds(30), NOW.minusSeconds(10), absoluteExpiresAt, null,
				null);
		this.families.insert(family);
		return family;
	}

}
