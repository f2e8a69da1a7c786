package dev.baton.auth.refresh;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;

import dev.baton.auth.crypto.OpaqueTokens;
import dev.baton.auth.crypto.TokenHash;
import dev.baton.auth.support.RequestOrigin;
import dev.baton.auth.testsupport.BatonServerTests;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The refresh tables on the real engine (H2, and MariaDB in the {@code mariadb} run): UTC
 * microsecond timestamps survive the round trip whatever the JVM's time zone, and
 * consuming is a conditional UPDATE that only one caller wins.
 */
class RefreshStorageDatabaseTests extends BatonServerTests {

	@Autowired
	private TokenFamilyRepository families;

	@Autowired
	private RefreshTokenRepository tokens;

	@Test
	void findWithFamilyWhenStoredThenInstantsRoundTripToTheMicrosecond() {
		Instant now = Instant.parse("2031-03-04T05:06:07.123456Z");
		TokenFamily family = new TokenFamily(UUID.randomUUID().toString(), "demo-web", "alice",
				Set.of("openid", "notes.read"), Set.of("http://localhost:8080"), now.minusSeconds(5), now,
				now.plus(Duration.ofDays(90)), null, null);
		this.families.insert(family);
		String value = OpaqueTokens.generate();
		this.tokens.insert(
				new RefreshToken(TokenHash.of(value), family.id(), 0, now, now.plus(Duration.ofDays(14)), null, null),
				new RequestOrigin("203.0.113.7", "test-agent"));

		RefreshTokenRepository.TokenWithFamily found = this.tokens.findWithFamily(TokenHash.of(value)).orElseThrow();

		assertThat(found.family().createdAt()).isEqualTo(now);
		assertThat(found.family().authTime()).isEqualTo(now.minusSeconds(5));
		assertThat(found.family().absoluteExpiresAt()).isEqualTo(now.plus(Duration.ofDays(90)));
		assertThat(found.family().scopes()).containsExactlyInAnyOrder("openid", "notes.read");
		assertThat(found.token().issuedAt()).isEqualTo(now);
		assertThat(found.token().expiresAt()).isEqualTo(now.plus(Duration.ofDays(14)));
		assertThat(found.token().consumedAt()).isNull();
		assertThat(this.jdbc.queryForObject("SELECT client_ip FROM refresh_token WHERE token_hash = ?", String.class,
				(Object) TokenHash.of(value).bytes()))
			.isEqualTo("203.0.113.7");
	}

	@Test
	void consumeWhenCalledTwiceThenOnlyFirstWinsAndSuccessorCiphertextKept() {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		TokenFamily family = new TokenFamily(UUID.randomUUID().toString(), "demo-mobile", "alice", Set.of("openid"),
				Set.of("http://localhost:8080"), now, now, now.plus(Duration.ofDays(90)), null, null);
		this.families.insert(family);
		TokenHash hash = TokenHash.of(OpaqueTokens.generate());
		this.tokens.insert(new RefreshToken(hash, family.id(), 0, now, now.plus(Duration.ofDays(14)), null, null),
				RequestOrigin.UNKNOWN);
		byte[] ciphertext = new byte[60];

		boolean first = this.tokens.consume(hash, now, ciphertext, now.plusSeconds(15));
		boolean second = this.tokens.consume(hash, now.plusSeconds(1), null, null);

		assertThat(first).isTrue();
		assertThat(second).isFalse();
		RefreshToken stored = this.tokens.findForUpdate(hash).orElseThrow();
		assertThat(stored.consumedAt()).isEqualTo(now);
		assertThat(stored.successorCiphertext()).isEqualTo(ciphertext);
		assertThat(this.tokens.eraseExpiredSuccessors(now.plusSeconds(16))).isGreaterThanOrEqualTo(1);
		assertThat(this.tokens.findForUpdate(hash).orElseThrow().successorCiphertext()).isNull();
	}

	@Test
	void confirmDeliveredWhenStrictAndGraceRowsInOneBatchThenErasesOneAndShortensTheOther() {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		TokenFamily family = new TokenFamily(UUID.randomUUID().toString(), "demo-mobile", "alice", Set.of("openid"),
				Set.of("http://localhost:8080"), now, now, now.plus(Duration.ofDays(90)), null, null);
		this.families.insert(family);
		TokenHash strict = TokenHash.of(OpaqueTokens.generate());
		TokenHash grace = TokenHash.of(OpaqueTokens.generate());
		TokenHash unconfirmed = TokenHash.of(OpaqueTokens.generate());
		int generation = 0;
		for (TokenHash hash : new TokenHash[] { strict, grace, unconfirmed }) {
			this.tokens.insert(
					new RefreshToken(hash, family.id(), generation++, now, now.plus(Duration.ofDays(14)), null, null),
					RequestOrigin.UNKNOWN);
			this.tokens.consume(hash, now, new byte[60], now.plus(Duration.ofMinutes(5)));
		}

		this.tokens.confirmDelivered(java.util.List.of(new DeliveredSuccessor(strict, null),
				new DeliveredSuccessor(grace, now.plusSeconds(15))));

		RefreshToken erased = this.tokens.findForUpdate(strict).orElseThrow();
		assertThat(erased.successorCiphertext()).isNull();
		assertThat(erased.successorExpiresAt()).isNull();
		RefreshToken shortened = this.tokens.findForUpdate(grace).orElseThrow();
		assertThat(shortened.successorCiphertext()).isNotNull();
		assertThat(shortened.successorExpiresAt()).isEqualTo(now.plusSeconds(15));
		assertThat(this.tokens.findForUpdate(unconfirmed).orElseThrow().successorExpiresAt())
			.isEqualTo(now.plus(Duration.ofMinutes(5)));
	}

	@Test
	void revokeWhenCalledTwiceThenOnlyFirstRevokes() {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		TokenFamily family = new TokenFamily(UUID.randomUUID().toString(), "demo-web", "alice", Set.of("openid"),
				Set.of("http://localhost:8080"), now, now, now.plus(Duration.ofDays(90)), null, null);
		this.families.insert(family);

		assertThat(this.families.revoke(family.id(), now, RevocationReason.ADMIN_REVOKED)).isTrue();
		assertThat(this.families.revoke(family.id(), now, RevocationReason.REUSE_DETECTED)).isFalse();
		assertThat(this.families.findById(family.id()).orElseThrow().revokedReason())
			.isEqualTo(RevocationReason.ADMIN_REVOKED);
	}

}
