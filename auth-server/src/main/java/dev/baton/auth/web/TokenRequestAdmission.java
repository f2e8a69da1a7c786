package dev.baton.auth.web;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Token requests are worked on a few at a time ({@code baton.token-endpoint.concurrency},
 * by default twice the processors); the others wait their turn in arrival order. A token
 * request is CPU (signing, hashing, the framework) and a short transaction, so on a small
 * machine sixteen at once only make the request threads and the database's sessions
 * contend for the same cores: on 2 cores, four at a time do more refreshes per second, at
 * a lower p99 and less CPU per refresh on both sides (docs/PERFORMANCE.md).
 * <p>
 * The request's form is read before the wait, so a client that sends its body slowly
 * holds a request thread, as before, but never a turn; the number of request threads
 * stays the container's. A request that waits longer than
 * {@code baton.token-endpoint.queue-timeout} is answered
 * {@code 503 temporarily_unavailable} with {@code Retry-After: 1} (OAuth 2.1 §3.2.4),
 * like one that finds the database unreachable.
 */
final class TokenRequestAdmission extends OncePerRequestFilter {

	private static final Logger logger = LoggerFactory.getLogger(TokenRequestAdmission.class);

	private final Semaphore turns;

	private final long queueTimeoutNanos;

	TokenRequestAdmission(int concurrency, Duration queueTimeout) {
		this.turns = new Semaphore(concurrency, true);
		this.queueTimeoutNanos = queueTimeout.toNanos();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!"POST".equals(request.getMethod())) {
			chain.doFilter(request, response);
			return;
		}
		// Reads the whole form now: the turn is for the work, not for the client's
		// upload.
		request.getParameterMap();
		boolean admitted;
		try {
			admitted = this.turns.tryAcquire(this.queueTimeoutNanos, TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			admitted = false;
		}
		if (!admitted) {
			logger.warn("Token request answered 503: no turn within {} ms", this.queueTimeoutNanos / 1_000_000);
			response.setHeader(HttpHeaders.RETRY_AFTER, "1");
			OAuthErrorResponses.write(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE,
					new OAuth2Error(DatabaseUnavailableFilter.TEMPORARILY_UNAVAILABLE,
							"The server is busy, try again in a moment", null));
			return;
		}
		try {
			chain.doFilter(request, response);
		}
		finally {
			this.turns.release();
		}
	}

	/** Turns free right now (for tests). */
	int availableTurns() {
		return this.turns.availablePermits();
	}

}
