package dev.baton.auth.audit;

import java.time.Instant;

/**
 * One audit record. Never holds a token, a secret or their hashes.
 *
 * @param clientId the public {@code client_id}
 * @param detail a short machine-readable detail, such as a revocation reason
 */
public record AuditEvent(Long id, AuditEventType type, Instant occurredAt, String subject, String clientId,
		String familyId, String ip, String userAgent, String detail) {

	public static AuditEvent of(AuditEventType type, Instant occurredAt, String subject, String clientId,
			String familyId, String detail) {
		return new AuditEvent(null, type, occurredAt, subject, clientId, familyId, null, null, detail);
	}

	public AuditEvent withOrigin(String ip, String userAgent) {
		return new AuditEvent(this.id, this.type, this.occurredAt, this.subject, this.clientId, this.familyId, ip,
				userAgent, this.detail);
	}

}
