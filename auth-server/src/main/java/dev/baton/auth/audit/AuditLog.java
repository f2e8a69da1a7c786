package dev.baton.auth.audit;

import java.time.Clock;

import dev.baton.auth.support.RequestOrigin;

import org.springframework.stereotype.Service;

/** Writes audit events, stamped with the time and the request's origin. */
@Service
public class AuditLog {

	private final AuditEventRepository events;

	private final Clock clock;

	public AuditLog(AuditEventRepository events, Clock clock) {
		this.events = events;
		this.clock = clock;
	}

	public void record(AuditEventType type, String subject, String clientId, String familyId, String detail,
			RequestOrigin origin) {
		AuditEvent event = AuditEvent.of(type, this.clock.instant(), subject, clientId, familyId, detail)
			.withOrigin(origin.ip(), origin.userAgent());
		this.events.insert(event);
	}

}
