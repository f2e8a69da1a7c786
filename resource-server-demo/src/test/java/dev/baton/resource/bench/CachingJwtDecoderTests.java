package dev.baton.resource.bench;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CachingJwtDecoderTests {

	private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

	private final AtomicInteger verifications = new AtomicInteger();

	@Test
	void decodeWhenSameTokenAgainThenSignatureVerifiedOnce() {
		CachingJwtDecoder decoder = decoder(verifying(NOW.plusSeconds(300)), NOW);

		Jwt first = decoder.decode("token-a");
		Jwt second = decoder.decode("token-a");

		assertThat(second).isSameAs(first);
		assertThat(this.verifications).hasValue(1);
	}

	@Test
	void decodeWhenOtherTokenThenVerifiedItself() {
		CachingJwtDecoder decoder = decoder(verifying(NOW.plusSeconds(300)), NOW);

		decoder.decode("token-a");
		decoder.decode("token-b");

		assertThat(this.verifications).hasValue(2);
	}

	@Test
	void decodeWhenRememberedTokenHasExpiredThenRejectedAndForgotten() {
		MovableClock clock = new MovableClock(NOW);
		CachingJwtDecoder decoder = new CachingJwtDecoder(verifying(NOW.plusSeconds(300)), validator(clock),
				Duration.ofMinutes(1), 100);
		decoder.decode("token-a");
		clock.now = NOW.plusSeconds(301);

		assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> decoder.decode("token-a"));
		assertThat(this.verifications).hasValue(1);

		decoder.decode("token-a");
		assertThat(this.verifications).as("forgotten, so verified in full again").hasValue(2);
	}

	@Test
	void decodeWhenVerificationFailsThenNothingRemembered() {
		CachingJwtDecoder decoder = new CachingJwtDecoder((token) -> {
			this.verifications.incrementAndGet();
			throw new BadJwtException("bad signature");
		}, validator(NOW), Duration.ofMinutes(1), 100);

		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode("forged"));
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode("forged"));
		assertThat(this.verifications).hasValue(2);
	}

	private CachingJwtDecoder decoder(JwtDecoder verifying, Instant now) {
		return new CachingJwtDecoder(verifying, validator(now), Duration.ofMinutes(1), 100);
	}

	private JwtDecoder verifying(Instant expiresAt) {
		return (token) -> {
			this.verifications.incrementAndGet();
			return Jwt.withTokenValue(token)
				.header("alg", "RS256")
				.subject("alice")
				.issuedAt(NOW)
				.expiresAt(expiresAt)
				.build();
		};
	}

	private static JwtTimestampValidator validator(Instant now) {
		return validator(Clock.fixed(now, ZoneOffset.UTC));
	}

	private static JwtTimestampValidator validator(Clock clock) {
		JwtTimestampValidator validator = new JwtTimestampValidator(Duration.ZERO);
		validator.setClock(clock);
		return validator;
	}

	private static final class MovableClock extends Clock {

		private volatile Instant now;

		MovableClock(Instant now) {
			this.now = now;
		}

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
