package dev.baton.e2e;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bff-demo's one refresh at a time per session, over HTTP with Baton and
 * resource-server-demo: its client rotates strictly (grace window 0), so two refreshes
 * with the same refresh token would be reuse and Baton would revoke the sign-in. A class
 * of its own: it moves the clock of Baton and the API, which would then be ahead of the
 * bff's for any later sign-in.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BffRefreshE2eTests {

	private static final int PARALLEL_CALLS = 8;

	private final ShiftableClock clock = new ShiftableClock();

	private BatonWithBff stack;

	@BeforeAll
	void start() throws Exception {
		this.stack = BatonWithBff.start(this.clock);
	}

	@AfterAll
	void stop() throws Exception {
		this.stack.close();
	}

	@Test
	void parallelCallsWhenAccessTokenExpiredThenExactlyOneRefreshAndTheSignInLivesOn() throws Exception {
		BffSession browser = new BffSession(this.stack).signInAlice();
		assertThat(browser.api("GET", null, false).statusCode()).isEqualTo(200);
		String family = onlyLiveFamily();
		assertThat(refreshTokensOf(family)).isEqualTo(1);
		OAuth2AuthorizedClient before = heldClientOfFamily(family);

		// expired for the bff, and for the API too, which would refuse it (the API's
		// clock moves past its exp)
		Instant exp = Instant
			.ofEpochSecond(BatonHttp.claims(before.getAccessToken().getTokenValue()).get("exp").asLong());
		this.clock.advance(Duration.between(this.clock.instant(), exp).plusMinutes(1));
		this.stack.expireAccessTokens();
		List<HttpResponse<String>> answers = inParallel(() -> browser.api("GET", null, false));

		assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(200);
		assertThat(refreshTokensOf(family)).as("exactly one refresh").isEqualTo(2);
		assertThat(this.stack.apps.jdbc()
			.queryForObject("SELECT revoked_at FROM token_family WHERE id = ?", Timestamp.class, family))
			.as("the family is not revoked")
			.isNull();
		assertThat(this.stack.apps.jdbc()
			.queryForObject("SELECT COUNT(*) FROM audit_event WHERE type = 'REFRESH_TOKEN_REUSE_DETECTED'",
					Integer.class))
			.isZero();
		OAuth2AuthorizedClient after = heldClientOfFamily(family);
		assertThat(after.getAccessToken().getTokenValue()).isNotEqualTo(before.getAccessToken().getTokenValue());
		assertThat(after.getRefreshToken().getTokenValue()).isNotEqualTo(before.getRefreshToken().getTokenValue());
		assertThat(browser.api("GET", null, false).statusCode()).isEqualTo(200);
		assertThat(refreshTokensOf(family)).as("a fresh token is not refreshed again").isEqualTo(2);
	}

	private String onlyLiveFamily() {
		List<String> families = this.stack.apps.jdbc()
			.queryForList("SELECT id FROM token_family WHERE client_id = ? AND revoked_at IS NULL", String.class,
					BatonWithBff.CLIENT_ID);
		assertThat(families).hasSize(1);
		return families.get(0);
	}

	private int refreshTokensOf(String family) {
		return this.stack.apps.jdbc()
			.queryForObject("SELECT COUNT(*) FROM refresh_token WHERE family_id = ?", Integer.class, family);
	}

	/**
	 * The authorized client of the bff session signed in as that family (the access
	 * token's {@code sid}).
	 */
	private OAuth2AuthorizedClient heldClientOfFamily(String family) {
		return this.stack.heldClients()
			.stream()
			.filter((client) -> family
				.equals(BatonHttp.claims(client.getAccessToken().getTokenValue()).get("sid").asString()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("the bff holds no tokens of family " + family));
	}

	private static List<HttpResponse<String>> inParallel(Supplier<HttpResponse<String>> call) throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(PARALLEL_CALLS);
		try {
			CountDownLatch ready = new CountDownLatch(PARALLEL_CALLS);
			CountDownLatch go = new CountDownLatch(1);
			List<Future<HttpResponse<String>>> futures = new ArrayList<>();
			for (int i = 0; i < PARALLEL_CALLS; i++) {
				futures.add(threads.submit(() -> {
					ready.countDown();
					go.await();
					return call.get();
				}));
			}
			ready.await();
			go.countDown();
			List<HttpResponse<String>> answers = new ArrayList<>();
			for (Future<HttpResponse<String>> future : futures) {
				answers.add(future.get());
			}
			return answers;
		}
		finally {
			threads.shutdownNow();
		}
	}

}
