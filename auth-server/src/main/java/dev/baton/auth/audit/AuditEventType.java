package dev.baton.auth.audit;

/** What happened, in the past tense. */
public enum AuditEventType {

	TOKEN_FAMILY_CREATED,

	REFRESH_TOKEN_REUSE_DETECTED,

	TOKEN_FAMILY_REVOKED,

	AUTHORIZATION_CODE_REUSE_DETECTED,

	USER_REGISTERED,

	SIGN_IN_SUCCEEDED,

	/** A sign-in was refused; {@code detail} says why (bad credentials, throttled, disabled). */
	SIGN_IN_FAILED,

	PASSWORD_CHANGED,

	/** The user ended the browser sign-in session (the {@code /logout} of Baton's pages). */
	SIGNED_OUT,

	SIGNING_KEY_ROTATED,

	/**
	 * A confidential client failed to authenticate (wrong secret) or was refused while its id is locked after too
	 * many failures; {@code client_id} names it, {@code detail} says which ({@code BAD_CREDENTIALS},
	 * {@code THROTTLED}).
	 */
	CLIENT_AUTHENTICATION_FAILED

}
