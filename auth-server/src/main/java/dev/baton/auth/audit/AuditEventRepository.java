package dev.baton.auth.audit;

import java.util.List;

/** The audit log. */
public interface AuditEventRepository {

	void insert(AuditEvent event);

	List<AuditEvent> findByFamilyId(String familyId);

	/**
	 * Erases what names or locates a deleted user in their events: the subject becomes
	 * the account id (events written under the username too), IP and user agent are
	 * cleared. The events themselves stay.
	 * @return how many events were changed
	 */
	int anonymizeSubject(String subjectId, String username);

	/**
	 * One page of the events matching the query, newest first, with the total count of
	 * matches.
	 */
	AuditEventPage find(AuditEventQuery query);

	/** Deletes up to {@code limit} of the events that occurred before {@code before}. */
	int deleteOccurredBefore(java.time.Instant before, int limit);

}
