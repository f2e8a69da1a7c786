package dev.baton.auth.audit;

import java.util.List;

/** The audit log. */
public interface AuditEventRepository {

	void insert(AuditEvent event);

	List<AuditEvent> findByFamilyId(String familyId);

	/** One page of the events matching the query, newest first, with the total count of matches. */
	AuditEventPage find(AuditEventQuery query);

	/** Deletes up to {@code limit} of the events that occurred before {@code before}. */
	int deleteOccurredBefore(java.time.Instant before, int limit);

}
