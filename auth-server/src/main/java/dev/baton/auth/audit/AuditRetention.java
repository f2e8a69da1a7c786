package dev.baton.auth.audit;

import java.time.Instant;

import dev.baton.auth.scheduling.CleanupTask;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Deletes audit events older than {@code baton.audit.retention}, so anonymous traffic
 * (failed sign-ins of unknown users, say) cannot grow the table without bound. A zero
 * retention keeps them forever.
 */
@Component
@Order(60)
public class AuditRetention implements CleanupTask {

	private final AuditEventRepository events;

	private final AuditProperties properties;

	AuditRetention(AuditEventRepository events, AuditProperties properties) {
		this.events = events;
		this.properties = properties;
	}

	public static AuditRetention of(AuditEventRepository events, AuditProperties properties) {
		return new AuditRetention(events, properties);
	}

	@Override
	public String name() {
		return "audit events";
	}

	/**
	 * Deletes up to {@code limit} events that occurred before {@code now} minus the
	 * retention.
	 * @return how many it deleted (0 when the retention is zero: kept forever)
	 */
	@Override
	public int cleanUp(Instant now, int limit) {
		if (this.properties.retention().isZero()) {
			return 0;
		}
		return this.events.deleteOccurredBefore(now.minus(this.properties.retention()), limit);
	}

}
