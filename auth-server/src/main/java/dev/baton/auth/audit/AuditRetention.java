package dev.baton.auth.audit;

import java.time.Instant;

import org.springframework.stereotype.Component;

/**
 * The scheduled cleanup's way into the {@code audit_event} table: deletes events older than
 * {@code baton.audit.retention}, so anonymous traffic (failed sign-ins of unknown users, say) cannot grow the
 * table without bound.
 */
@Component
public class AuditRetention {

	private final AuditEventRepository events;

	private final AuditProperties properties;

	AuditRetention(AuditEventRepository events, AuditProperties properties) {
		this.events = events;
		this.properties = properties;
	}

	public static AuditRetention of(AuditEventRepository events, AuditProperties properties) {
		return new AuditRetention(events, properties);
	}

	/**
	 * Deletes up to {@code limit} events that occurred before {@code now} minus the retention.
	 * @return how many it deleted (0 when the retention is zero: kept forever)
	 */
	public int deleteExpired(Instant now, int limit) {
		if (this.properties.retention().isZero()) {
			return 0;
		}
		return this.events.deleteOccurredBefore(now.minus(this.properties.retention()), limit);
	}

}
