package dev.baton.auth.audit;

import java.util.List;

/** The audit log. */
public interface AuditEventRepository {

	void insert(AuditEvent event);

	List<AuditEvent> findByFamilyId(String familyId);

}
