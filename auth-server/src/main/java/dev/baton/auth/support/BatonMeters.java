package dev.baton.auth.support;

import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Baton's own meters, each with a description and a base unit, exported at
 * {@code /actuator/prometheus} (scope {@code baton.metrics}) with the {@code baton_}
 * prefix:
 * <ul>
 * <li>{@code baton_refresh_requests_total{outcome}}: refresh-token grant requests by
 * outcome;
 * <li>{@code baton_refresh_reuse_events_total}: consumed refresh tokens presented again
 * (DESIGN rule 2);
 * <li>{@code baton_token_family_revocations_total{reason}}: token families revoked, by
 * reason;
 * <li>{@code baton_key_rotations_total}: signing key rotations;
 * <li>{@code baton_sign_in_failures_total{reason}}: failed sign-ins (wrong credentials,
 * disabled account);
 * <li>{@code baton_sign_in_lockouts_total}: sign-ins refused because the username or IP
 * was locked;
 * <li>{@code baton_cleanup_rows_total{kind}}: rows removed or erased by the cleanup job;
 * <li>{@code baton_backchannel_logout_attempts_total{outcome}}: back-channel logout
 * delivery attempts by outcome ({@code delivered}, {@code failed}: retried later,
 * {@code abandoned}: given up).
 * </ul>
 * Never a tag with a user, a client id or a token: tags have a small fixed set of values.
 */
@Component
public final class BatonMeters {

	private final MeterRegistry registry;

	public BatonMeters(MeterRegistry registry) {
		this.registry = registry;
	}

	/** Meters that go nowhere, for tests that do not look at them. */
	public static BatonMeters discarding() {
		return new BatonMeters(new SimpleMeterRegistry());
	}

	/**
	 * The counter of one refresh outcome; callers on the hot path keep it rather than
	 * look it up each time.
	 */
	public Counter refreshOutcome(String outcome) {
		return counter("baton.refresh.requests", "Refresh-token grant requests, by outcome", "requests", "outcome",
				outcome);
	}

	public void refreshReuseDetected() {
		counter("baton.refresh.reuse.events", "Consumed refresh tokens presented again; each revokes its token family",
				"events", null, null)
			.increment();
	}

	public void familyRevoked(String reason) {
		counter("baton.token.family.revocations", "Token families revoked, by reason", "revocations", "reason", reason)
			.increment();
	}

	public void keyRotated() {
		counter("baton.key.rotations", "Signing key rotations", "rotations", null, null).increment();
	}

	public void signInFailed(String reason) {
		counter("baton.sign.in.failures", "Failed sign-ins, by reason", "failures", "reason", reason).increment();
	}

	public void signInLockedOut() {
		counter("baton.sign.in.lockouts", "Sign-in attempts refused because the username or IP was locked", "lockouts",
				null, null)
			.increment();
	}

	public void cleanupRows(String kind, int rows) {
		if (rows > 0) {
			counter("baton.cleanup.rows", "Rows removed or erased by the cleanup job, by kind", "rows", "kind", kind)
				.increment(rows);
		}
	}

	public void backchannelLogout(String outcome) {
		counter("baton.backchannel.logout.attempts",
				"Back-channel logout token deliveries, by outcome (delivered, failed and retried later, abandoned)",
				"attempts", "outcome", outcome)
			.increment();
	}

	private Counter counter(String name, String description, String baseUnit, String tag, String value) {
		Counter.Builder builder = Counter.builder(name).description(description).baseUnit(baseUnit);
		if (tag != null) {
			builder.tag(tag, (value != null) ? value.toLowerCase(Locale.ROOT) : "none");
		}
		return builder.register(this.registry);
	}

}
