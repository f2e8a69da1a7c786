package dev.baton.auth.audit;

import java.time.Clock;

import dev.baton.auth.support.BatonMeters;
import dev.baton.auth.support.RequestOrigin;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Writes audit events, stamped with the time and the request's origin, and counts the
 * security events among them in {@link BatonMeters}: reuse detected, families revoked by
 * reason, key rotations, failed and locked-out sign-ins. Every code path that records one
 * of those events is counted, from this one place.
 */
@Service
public class AuditLog {

	private final AuditEventRepository events;

	private final Clock clock;

	private final BatonMeters meters;

	@Autowired
	public AuditLog(AuditEventRepository events, Clock clock, BatonMeters meters) {
		this.events = events;
		this.clock = clock;
		this.meters = meters;
	}

	/** Without meters (tests). */
	public AuditLog(AuditEventRepository events, Clock clock) {
		this(events, clock, BatonMeters.discarding());
	}

	public void record(AuditEventType type, String subject, String clientId, String familyId, String detail,
			RequestOrigin origin) {
		AuditEvent event = AuditEvent.of(type, this.clock.instant(), subject, clientId, familyId, detail)
			.withOrigin(origin.ip(), origin.userAgent());
		this.events.insert(event);
		count(type, detail);
	}

	private void count(AuditEventType type, String detail) {
		switch (type) {
			case REFRESH_TOKEN_REUSE_DETECTED -> this.meters.refreshReuseDetected();
			case TOKEN_FAMILY_REVOKED -> this.meters.familyRevoked(detail);
			case SIGNING_KEY_ROTATED -> this.meters.keyRotated();
			case BACKCHANNEL_LOGOUT_DELIVERED -> this.meters.backchannelLogout("delivered");
			case BACKCHANNEL_LOGOUT_FAILED -> this.meters.backchannelLogout("failed");
			case BACKCHANNEL_LOGOUT_ABANDONED -> this.meters.backchannelLogout("abandoned");
			case SIGN_IN_FAILED -> {
				if ("THROTTLED".equals(detail)) {
					this.meters.signInLockedOut();
				}
				else {
					this.meters.signInFailed(detail);
				}
			}
			default -> {
			}
		}
	}

}
