package dev.baton.auth.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Token requests beyond the concurrency wait their turn, a turn not given within the
 * queue timeout is a {@code 503 temporarily_unavailable}, and every turn is given back.
 */
class TokenRequestAdmissionTests {

	@Test
	void concurrencyWhenAutomaticThenTwiceTheProcessorsAtLeastTwo() {
		TokenEndpointProperties automatic = new TokenEndpointProperties(0, Duration.ofSeconds(5));

		assertThat(automatic.effectiveConcurrency(1)).isEqualTo(2);
		assertThat(automatic.effectiveConcurrency(2)).isEqualTo(4);
		assertThat(automatic.effectiveConcurrency(16)).isEqualTo(32);
		assertThat(new TokenEndpointProperties(3, Duration.ofSeconds(5)).effectiveConcurrency(16)).isEqualTo(3);
	}

	@Test
	void propertiesWhenNegativeConcurrencyOrNoTimeoutThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new TokenEndpointProperties(-1, Duration.ofSeconds(5)));
		assertThatIllegalArgumentException().isThrownBy(() -> new TokenEndpointProperties(0, Duration.ZERO));
	}

	@Test
	void requestsWhenMoreThanTheConcurrencyThenNeverMoreAtOnceAndAllServed() throws Exception {
		TokenRequestAdmission admission = new TokenRequestAdmission(2, Duration.ofSeconds(30));
		AtomicInteger inside = new AtomicInteger();
		AtomicInteger mostInside = new AtomicInteger();
		// The first two in wait for each other, so two are surely inside at once.
		CountDownLatch bothInside = new CountDownLatch(2);
		FilterChain work = (request, response) -> {
			mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
			bothInside.countDown();
			await(bothInside);
			sleep(5);
			inside.decrementAndGet();
		};
		ExecutorService threads = Executors.newFixedThreadPool(8);
		try {
			List<Future<Integer>> results = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				results.add(threads.submit(() -> {
					MockHttpServletResponse response = new MockHttpServletResponse();
					admission.doFilter(tokenRequest(), response, work);
					return response.getStatus();
				}));
			}
			for (Future<Integer> result : results) {
				assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo(200);
			}
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(mostInside.get()).isEqualTo(2);
		assertThat(admission.availableTurns()).isEqualTo(2);
	}

	@Test
	void requestWhenNoTurnWithinTheQueueTimeoutThenTemporarilyUnavailable() throws Exception {
		TokenRequestAdmission admission = new TokenRequestAdmission(1, Duration.ofMillis(100));
		CountDownLatch holding = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		ExecutorService thread = Executors.newSingleThreadExecutor();
		try {
			Future<?> first = thread.submit(() -> {
				admission.doFilter(tokenRequest(), new MockHttpServletResponse(), (request, response) -> {
					holding.countDown();
					await(release);
				});
				return null;
			});
			assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
			MockHttpServletResponse refused = new MockHttpServletResponse();
			AtomicInteger worked = new AtomicInteger();

			admission.doFilter(tokenRequest(), refused, (request, response) -> worked.incrementAndGet());

			assertThat(refused.getStatus()).isEqualTo(503);
			assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
			assertThat(refused.getContentAsString()).contains("\"error\":\"temporarily_unavailable\"");
			assertThat(worked.get()).isZero();
			release.countDown();
			first.get(10, TimeUnit.SECONDS);
		}
		finally {
			release.countDown();
			thread.shutdownNow();
		}
		assertThat(admission.availableTurns()).isEqualTo(1);
	}

	@Test
	void requestWhenWorkFailsThenTurnGivenBack() {
		TokenRequestAdmission admission = new TokenRequestAdmission(1, Duration.ofMillis(100));

		assertThatIllegalStateException()
			.isThrownBy(() -> admission.doFilter(tokenRequest(), new MockHttpServletResponse(), (request, response) -> {
				throw new IllegalStateException("boom");
			}))
			.withMessage("boom");

		assertThat(admission.availableTurns()).isEqualTo(1);
	}

	private static MockHttpServletRequest tokenRequest() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/oauth2/token");
		request.setContentType("application/x-www-form-urlencoded");
		request.addParameter("grant_type", "client_credentials");
		return request;
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
