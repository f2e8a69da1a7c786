package dev.baton.resource;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the key set is fetched, counted on a stub JWKS endpoint: not at startup, once for
 * many tokens, again for a rotated-in key, and not again for a flood of made-up key ids.
 * The steps build on each other, hence the order; the unknown-key refetch interval is an
 * hour so that the count cannot depend on timing.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JwksFetchingTests {

	private static final RSAKey FIRST = TestTokens.rsaKey("first-key");

	private static final RSAKey SECOND = TestTokens.rsaKey("second-key");

	private static final StubJwksServer JWKS = StubJwksServer.serving(FIRST);

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("baton.resource.issuer", () -> TestTokens.ISSUER);
		registry.add("baton.resource.audience", () -> TestTokens.AUDIENCE);
		registry.add("baton.resource.jwk-set-uri", JWKS::jwkSetUri);
		registry.add("baton.resource.jwks.unknown-key-refetch-interval", () -> "PT1H");
		registry.add("server.address", () -> "127.0.0.1");
	}

	@AfterAll
	static void stopJwks() {
		JWKS.close();
	}

	@Test
	@Order(1)
	void jwksWhenStartedThenFetchedOnFirstTokenOnlyAndCached() {
		ApiClient api = new ApiClient(this.port);
		assertThat(JWKS.requestCount()).isZero();

		for (int i = 0; i < 5; i++) {
			assertThat(api.get("/api/me", TestTokens.sign(FIRST, (claims) -> {
			})).statusCode()).isEqualTo(200);
		}

		assertThat(JWKS.requestCount()).isEqualTo(1);
	}

	@Test
	@Order(2)
	void meWhenTokenSignedWithRotatedInKeyThenFetchedOnceAndAcceptedWithoutRestart() {
		ApiClient api = new ApiClient(this.port);
		JWKS.publish(FIRST, SECOND);

		assertThat(api.get("/api/me", TestTokens.sign(SECOND, (claims) -> {
		})).statusCode()).isEqualTo(200);
		assertThat(api.get("/api/me", TestTokens.sign(FIRST, (claims) -> {
		})).statusCode()).isEqualTo(200);

		assertThat(JWKS.requestCount()).isEqualTo(2);
	}

	@Test
	@Order(3)
	void meWhenFloodOfUnknownKeyIdsThenEachRejectedAndJwksNotFetchedAgain() throws Exception {
		ApiClient api = new ApiClient(this.port);
		int before = JWKS.requestCount();
		List<Callable<Integer>> bogus = IntStream.range(0, 200)
			.<Callable<Integer>>mapToObj((i) -> () -> api.get("/api/me",
					TestTokens.sign(new RSAKey.Builder(FIRST).keyID(UUID.randomUUID().toString()).build(), (claims) -> {
					}))
				.statusCode())
			.toList();
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			for (Future<Integer> status : pool.invokeAll(bogus)) {
				assertThat(status.get()).isEqualTo(401);
			}
		}
		finally {
			pool.shutdown();
		}

		assertThat(JWKS.requestCount()).isEqualTo(before);
		assertThat(api.get("/api/me", TestTokens.sign(SECOND, (claims) -> {
		})).statusCode()).isEqualTo(200);
	}

}
