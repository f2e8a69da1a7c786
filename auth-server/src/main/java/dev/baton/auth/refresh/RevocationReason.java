package dev.baton.auth.refresh;

/** Why a token family was revoked; recorded with the family and in the audit log. */
public enum RevocationReason {

	/**
	 * A consumed refresh token was presented again outside the grace rule (DESIGN rule
	 * 2).
	 */
	REUSE_DETECTED,

	/**
	 * The authorization code the family came from was presented again (RFC 6749 §4.1.2).
	 */
	AUTHORIZATION_CODE_REUSED,

	/** The client revoked one of the family's tokens (RFC 7009). */
	TOKEN_REVOKED,

	/** The user signed out through the client (OpenID Connect RP-Initiated Logout). */
	LOGGED_OUT,

	/** The user signed this session out from the account page. */
	SIGNED_OUT,

	/** The user signed out every session. */
	SIGNED_OUT_EVERYWHERE,

	/** The user changed the password; every other session ends. */
	PASSWORD_CHANGED,

	/** An administrator revoked it. */
	ADMIN_REVOKED,

	/** The client was deleted from the registry. */
	CLIENT_DELETED,

	/** An administrator disabled the user. */
	USER_DISABLED,

	/** An administrator deleted the user. */
	USER_DELETED,

	/** The password was set through a reset link; every session ends. */
	PASSWORD_RESET,

	/** The user deleted the account. */
	ACCOUNT_DELETED

}
