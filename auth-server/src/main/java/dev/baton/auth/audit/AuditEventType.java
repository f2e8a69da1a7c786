package dev.baton.auth.audit;

/** What happened, in the past tense. */
public enum AuditEventType {

	TOKEN_FAMILY_CREATED,

	REFRESH_TOKEN_REUSE_DETECTED,

	TOKEN_FAMILY_REVOKED,

	AUTHORIZATION_CODE_REUSE_DETECTED,

	SIGNING_KEY_ROTATED

}
