package dev.baton.auth.refresh;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.baton.auth.crypto.TokenHash;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Confirms that token responses reached the wire (DESIGN rule 7). The rotation registers
 * each successor it hands out as <em>in flight</em> on this node ({@link #sending}); once
 * the response has been written and flushed to the client's connection,
 * {@link SuccessorDeliveryFilter} marks it <em>delivered</em>, and every
 * {@value #FLUSH_INTERVAL_MILLIS} ms one batched UPDATE confirms the delivered ones in
 * the database (erasing a strict client's encrypted successor, cutting a grace client's
 * back to its grace window). A response that failed, or whose write failed, is dropped
 * unconfirmed, which keeps it recoverable.
 * <p>
 * Until its confirmation is written, a successor in flight or delivered counts as
 * confirmed on this node ({@link #isPending}), so a replay reaching this node never races
 * its own confirmation. A node that crashes loses its pending confirmations: those rows
 * stay unconfirmed, which only keeps them recoverable for the window, never weakens reuse
 * detection of confirmed ones. Metric {@code baton.refresh.deliveries} counts confirmed
 * and unconfirmed (failed or unwritten) responses.
 */
@Component
public final class SuccessorDeliveries implements SmartLifecycle {

	static final long FLUSH_INTERVAL_MILLIS = 100;

	/**
	 * More pending deliveries than this (a long database outage) are not tracked: they
	 * stay recoverable.
	 */
	static final int MAX_PENDING = 100_000;

	private static final String ATTRIBUTE = SuccessorDeliveries.class.getName();

	private static final Logger logger = LoggerFactory.getLogger(SuccessorDeliveries.class);

	private final RefreshTokenRepository tokens;

	private final RefreshTokenProperties properties;

	private final Clock clock;

	private final Counter unconfirmed;

	private final Counter confirmed;

	private final Map<TokenHash, Pending> pending = new ConcurrentHashMap<>();

	private volatile ScheduledExecutorService flusher;

	public SuccessorDeliveries(RefreshTokenRepository tokens, RefreshTokenProperties properties,
			MeterRegistry meterRegistry, Clock clock) {
		this.tokens = tokens;
		this.properties = properties;
		this.clock = clock;
		this.unconfirmed = meterRegistry.counter("baton.refresh.deliveries", "outcome", "unconfirmed");
		this.confirmed = meterRegistry.counter("baton.refresh.deliveries", "outcome", "confirmed");
	}

	/**
	 * Registers a successor about to be written in the current token response. Without a
	 * current HTTP request (a direct call), nothing is registered and the rotation simply
	 * stays unconfirmed.
	 */
	void sending(DeliveredSuccessor successor) {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request == null || this.pending.size() >= MAX_PENDING) {
			return;
		}
		this.pending.put(successor.consumedToken(), new Pending(successor, this.clock.instant(), false));
		request.setAttribute(ATTRIBUTE, successor, RequestAttributes.SCOPE_REQUEST);
	}

	/**
	 * Ends a token request: a successor it carried is delivered when the response was a
	 * success and was flushed to the connection, and otherwise dropped from the pending
	 * set, unconfirmed.
	 */
	void finished(HttpServletRequest request, boolean written) {
		if (!(request.getAttribute(ATTRIBUTE) instanceof DeliveredSuccessor successor)) {
			return;
		}
		request.removeAttribute(ATTRIBUTE);
		if (written) {
			this.pending.computeIfPresent(successor.consumedToken(),
					(hash, entry) -> new Pending(entry.successor(), entry.since(), true));
		}
		else {
			this.pending.remove(successor.consumedToken());
			this.unconfirmed.increment();
		}
	}

	/**
	 * Whether the response of this request hands out a successor that {@link #finished}
	 * should account for.
	 */
	boolean carriesSuccessor(HttpServletRequest request) {
		return request.getAttribute(ATTRIBUTE) instanceof DeliveredSuccessor;
	}

	/**
	 * Whether this node has a response with the successor of {@code consumedToken} in
	 * flight or unconfirmed.
	 */
	boolean isPending(TokenHash consumedToken) {
		return this.pending.containsKey(consumedToken);
	}

	/** Writes the confirmations of the delivered successors, in one batch. */
	void flush() {
		List<Pending> delivered = new ArrayList<>();
		Instant abandonBefore = this.clock.instant().minus(this.properties.recoveryWindow());
		for (Pending entry : this.pending.values()) {
			if (entry.delivered()) {
				delivered.add(entry);
			}
			else if (entry.since().isBefore(abandonBefore)) {
				// A request that never finished (its thread died): beyond the window it
				// cannot matter.
				this.pending.remove(entry.successor().consumedToken(), entry);
			}
		}
		if (delivered.isEmpty()) {
			return;
		}
		try {
			this.tokens.confirmDelivered(delivered.stream().map(Pending::successor).toList());
		}
		catch (DataAccessException ex) {
			// The database is unreachable: retried at the next flush; meanwhile this node
			// still counts them.
			logger.debug("Confirming {} delivered refresh token responses failed; retrying", delivered.size(), ex);
			return;
		}
		delivered.forEach((entry) -> this.pending.remove(entry.successor().consumedToken(), entry));
		this.confirmed.increment(delivered.size());
	}

	@Override
	public void start() {
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "baton-delivery-confirmations");
			thread.setDaemon(true);
			return thread;
		});
		executor.scheduleWithFixedDelay(this::flushQuietly, FLUSH_INTERVAL_MILLIS, FLUSH_INTERVAL_MILLIS,
				TimeUnit.MILLISECONDS);
		this.flusher = executor;
	}

	@Override
	public void stop() {
		ScheduledExecutorService executor = this.flusher;
		this.flusher = null;
		if (executor != null) {
			executor.shutdown();
			try {
				executor.awaitTermination(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		flushQuietly();
	}

	@Override
	public boolean isRunning() {
		return this.flusher != null;
	}

	/**
	 * Stops after the web server (whose lifecycle has a higher phase), so the last
	 * responses are confirmed.
	 */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 4096;
	}

	private void flushQuietly() {
		try {
			flush();
		}
		catch (RuntimeException ex) {
			logger.warn("Confirming delivered refresh token responses failed", ex);
		}
	}

	private record Pending(DeliveredSuccessor successor, Instant since, boolean delivered) {
	}

}
