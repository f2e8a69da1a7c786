package dev.baton.auth.refresh;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RefreshPolicyTests {

	private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	private final RefreshPolicy policy = new RefreshPolicy(Duration.ofDays(14), Duration.ofDays(90), Duration.ZERO);

	@Test
	void tokenExpiryWhenFamilyEndsLaterThenIdleLifetime() {
		assertThat(this.policy.tokenExpiry(NOW, NOW.plus(Duration.ofDays(30))))
			.isEqualTo(NOW.plus(Duration.ofDays(14)));
	}

	@Test
	void tokenExpiryWhenFamilyEndsSoonerThenFamilyExpiry() {
		Instant familyExpiry = NOW.plus(Duration.ofDays(3));

		assertThat(this.policy.tokenExpiry(NOW, familyExpiry)).isEqualTo(familyExpiry);
	}

	@Test
	void hasGraceWindowWhenZeroOrNegativeThenFalse() {
		assertThat(this.policy.hasGraceWindow()).isFalse();
		assertThat(new RefreshPolicy(Duration.ofDays(1), Duration.ofDays(2), Duration.ofSeconds(-1)).hasGraceWindow())
			.isFalse();
		assertThat(new RefreshPolicy(Duration.ofDays(1), Duration.ofDays(2), Duration.ofSeconds(15)).hasGraceWindow())
			.isTrue();
	}

}
