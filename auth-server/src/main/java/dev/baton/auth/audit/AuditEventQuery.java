package dev.baton.auth.audit;

import java.time.Instant;

/**
 * What to look for in the audit log; {@code null} filters match everything.
 *
 * @param from inclusive lower bound of {@code occurred_at}
 * @param to exclusive upper bound of {@code occurred_at}
 * @param page zero-based page number
 * @param clientId the {@code client_id} column: the client of the event, or for user
 * events the acting admin
 */
public record AuditEventQuery(String subject, AuditEventType type, Instant from, Instant to, int page, int size,
		String clientId) {

	public static final int MAX_SIZE = 200;

	public AuditEventQuery {
		if (page < 0 || size < 1 || size > MAX_SIZE) {
			throw new IllegalArgumentException("page must be >= 0 and size between 1 and " + MAX_SIZE);
		}
	}

	/** Any client. */
	public AuditEventQuery(String subject, AuditEventType type, Instant from, Instant to, int page, int size) {
		this(subject, type, from, to, page, size, null);
	}

}
