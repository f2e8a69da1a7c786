package dev.baton.auth.backchannel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.baton.auth.audit.AuditEventType;
import dev.baton.auth.audit.AuditLog;
import dev.baton.auth.support.RequestOrigin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Delivers the back-channel logout outbox. Every node takes part: a pass finds due rows
 * and claims each with a conditional UPDATE holding a lease ({@code claim-lease}), so one
 * node at a time attempts a delivery and a node that dies mid-attempt only delays it
 * until the lease ends. Each attempt mints a fresh logout token and POSTs it; 200 or 204
 * deletes the row ({@code BACKCHANNEL_LOGOUT_DELIVERED}); anything else is retried with
 * exponential backoff ({@code BACKCHANNEL_LOGOUT_FAILED}) until {@code retry-for} after
 * the session ended, then given up ({@code BACKCHANNEL_LOGOUT_ABANDONED}). OpenID Connect
 * Back-Channel Logout 1.0 §2.8 leaves retries to the OP; an RP must accept a token it has
 * already processed, and every attempt's token has a fresh {@code jti}.
 * <p>
 * Passes run on one thread of this node: every {@code poll-interval}, and right after a
 * revoking transaction commits ({@link #nudge()}). Logs and audit name the client, the
 * family and the outcome, never the token.
 */
@Component
public final class BackchannelLogoutDelivery implements SchedulingConfigurer, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(BackchannelLogoutDelivery.class);

	private final BackchannelLogoutRepository outbox;

	private final LogoutTokens tokens;

	private final LogoutTokenSender sender;

	private final AuditLog auditLog;

	private final BackchannelLogoutProperties properties;

	private final Clock clock;

	/**
	 * One pass at a time, at most one more waiting: a nudge during a pass asks for one
	 * more pass.
	 */
	private final ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
			new ArrayBlockingQueue<>(1), (runnable) -> {
				Thread thread = new Thread(runnable, "baton-backchannel-logout");
				thread.setDaemon(true);
				return thread;
			}, new ThreadPoolExecutor.DiscardPolicy());

	BackchannelLogoutDelivery(BackchannelLogoutRepository outbox, LogoutTokens tokens, LogoutTokenSender sender,
			AuditLog auditLog, BackchannelLogoutProperties properties, Clock clock) {
		this.outbox = outbox;
		this.tokens = tokens;
		this.sender = sender;
		this.auditLog = auditLog;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		if (this.properties.deliveryEnabled()) {
			registrar.addFixedDelayTask(
					new FixedDelayTask(this::nudge, this.properties.pollInterval(), this.properties.pollInterval()));
		}
	}

	/** Asks for a delivery pass soon on this node's delivery thread (returns at once). */
	public void nudge() {
		if (this.properties.deliveryEnabled() && !this.executor.isShutdown()) {
			this.executor.execute(this::passSafely);
		}
	}

	@Override
	public void destroy() {
		this.executor.shutdownNow();
	}

	private void passSafely() {
		try {
			deliverDue();
		}
		catch (RuntimeException ex) {
			logger.warn("Back-channel logout delivery pass failed; next pass in {}", this.properties.pollInterval(),
					ex);
		}
	}

	/**
	 * Attempts every delivery due now that no other node holds, until none is left.
	 * @return how many were attempted
	 */
	public int deliverDue() {
		int attempted = 0;
		List<String> due = this.outbox.findDue(this.clock.instant(), this.properties.batchSize());
		while (!due.isEmpty() && !Thread.currentThread().isInterrupted()) {
			int claimedThisRound = 0;
			for (String id : due) {
				String claimToken = UUID.randomUUID().toString();
				Instant now = this.clock.instant();
				Optional<PendingLogout> claimed = this.outbox.claim(id, claimToken, now,
						now.plus(this.properties.claimLease()));
				if (claimed.isPresent()) {
					claimedThisRound++;
					attempted++;
					attempt(claimed.get(), claimToken);
				}
			}
			if (claimedThisRound == 0) {
				break;
			}
			due = this.outbox.findDue(this.clock.instant(), this.properties.batchSize());
		}
		return attempted;
	}

	private void attempt(PendingLogout logout, String claimToken) {
		LogoutTokenSender.SendResult result = this.sender.send(logout.logoutUri(), this.tokens.mint(logout));
		if (result.interrupted()) {
			// this node is stopping: the claim runs out and another node (or this one,
			// restarted) tries again
			return;
		}
		int attempt = logout.attempts() + 1;
		if (result.delivered()) {
			if (this.outbox.delete(logout.id(), claimToken)) {
				audit(AuditEventType.BACKCHANNEL_LOGOUT_DELIVERED, logout, result.detail() + " on attempt " + attempt);
				logger.info("Back-channel logout of token family {} delivered to client {} on attempt {}",
						logout.familyId(), logout.clientId(), attempt);
			}
			return;
		}
		Instant now = this.clock.instant();
		Instant next = now.plus(this.properties.retryAfter(attempt));
		Instant giveUpAt = logout.createdAt().plus(this.properties.retryFor());
		if (!next.isBefore(giveUpAt)) {
			if (this.outbox.delete(logout.id(), claimToken)) {
				audit(AuditEventType.BACKCHANNEL_LOGOUT_ABANDONED, logout,
						attempt + " attempts failed, last: " + result.detail());
				logger.warn("Back-channel logout of token family {} to client {} abandoned after {} attempts: {}",
						logout.familyId(), logout.clientId(), attempt, result.detail());
			}
			return;
		}
		if (this.outbox.reschedule(logout.id(), claimToken, attempt, next)) {
			Duration wait = Duration.between(now, next);
			audit(AuditEventType.BACKCHANNEL_LOGOUT_FAILED, logout,
					result.detail() + " on attempt " + attempt + ", next in " + wait);
			logger.info("Back-channel logout of token family {} to client {} failed ({}), attempt {}; next in {}",
					logout.familyId(), logout.clientId(), result.detail(), attempt, wait);
		}
	}

	private void audit(AuditEventType type, PendingLogout logout, String detail) {
		this.auditLog.record(type, logout.subject(), logout.clientId(), logout.familyId(), detail,
				RequestOrigin.UNKNOWN);
	}

}
