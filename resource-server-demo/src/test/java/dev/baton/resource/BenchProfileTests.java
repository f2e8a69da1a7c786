package dev.baton.resource;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.verify;

/**
 * The {@code bench} profile that {@code bench/resource-server/api-me.sh} starts: the
 * baseline endpoint answers, the chain reads tokens with the profile's resolver, and the
 * decoder remembers verified tokens but still refuses one that has expired since.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("bench")
class BenchProfileTests {

	private static final RSAKey TRUSTED = TestTokens.rsaKey("trusted-key");

	private static final StubJwksServer JWKS = StubJwksServer.serving(TRUSTED);

	private static final MovableClock CLOCK = new MovableClock();

	@LocalServerPort
	private int port;

	@TestBean
	private Clock clock;

	@MockitoSpyBean
	private BearerTokenResolver bearerTokenResolver;

	@Autowired
	private JwtDecoder jwtDecoder;

	private ApiClient api;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("baton.resource.issuer", () -> TestTokens.ISSUER);
		registry.add("baton.resource.audience", () -> TestTokens.AUDIENCE);
		registry.add("baton.resource.jwk-set-uri", JWKS::jwkSetUri);
		registry.add("server.address", () -> "127.0.0.1");
	}

	static Clock clock() {
		return CLOCK;
	}

	@AfterAll
	static void stopJwks() {
		JWKS.close();
	}

	@BeforeEach
	void client() {
		CLOCK.now = Instant.now();
		this.api = new ApiClient(this.port);
	}

	@Test
	void baselineWhenBenchProfileThenAnswersWithoutTokenLikeMe() {
		HttpResponse<String> response = this.api.get("/api/public/me-baseline", null);

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode body = ApiClient.json(response);
		assertThat(body.get("subject").asString()).isEqualTo("baseline-subject");
		assertThat(body.get("clientId").asString()).isEqualTo("demo-web");
		assertThat(body.get("audience").toString()).isEqualTo("[\"http://localhost:8080\"]");
	}

	@Test
	void meWhenBenchProfileThenTokenReadByProfileResolver() {
		assertThat(this.api.get("/api/me", TestTokens.sign(TRUSTED, (claims) -> {
		})).statusCode()).isEqualTo(200);

		verify(this.bearerTokenResolver, atLeast(1)).resolve(any());
	}

	@Test
	void decodeWhenSameTokenAgainThenRememberedToken() {
		String token = TestTokens.sign(TRUSTED, (claims) -> {
		});

		assertThat(this.jwtDecoder.decode(token)).isSameAs(this.jwtDecoder.decode(token));
	}

	@Test
	void meWhenRememberedTokenHasExpiredSinceThen401InvalidToken() {
		String token = TestTokens.sign(TRUSTED, (claims) -> {
		});
		assertThat(this.api.get("/api/me", token).statusCode()).isEqualTo(200);

		CLOCK.now = CLOCK.now.plus(Duration.ofMinutes(6));
		HttpResponse<String> response = this.api.get("/api/me", token);

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Bearer error=\"invalid_token\""));
	}

	@Test
	void meWhenNoTokenThenSameChallengeAsTheSample() {
		HttpResponse<String> response = this.api.get("/api/me", null);

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
	}

	/**
	 * A clock the test moves; the token validator reads it, the cache's own expiry does
	 * not.
	 */
	private static final class MovableClock extends Clock {

		private volatile Instant now = Instant.now();

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
