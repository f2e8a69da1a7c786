package dev.baton.auth.audit;

/** What happened, in the past tense. */
public enum AuditEventType {

	TOKEN_FAMILY_CREATED,

	REFRESH_TOKEN_REUSE_DETECTED,

	TOKEN_FAMILY_REVOKED,

	AUTHORIZATION_CODE_REUSE_DETECTED,

	USER_REGISTERED,

	SIGN_IN_SUCCEEDED,

	/**
	 * A sign-in was refused; {@code detail} says why (bad credentials, throttled,
	 * disabled).
	 */
	SIGN_IN_FAILED,

	PASSWORD_CHANGED,

	/**
	 * The user ended the browser sign-in session (the {@code /logout} of Baton's pages).
	 */
	SIGNED_OUT,

	SIGNING_KEY_ROTATED,

	/**
	 * A client was registered; {@code subject} names who did it (an admin client, the
	 * clients file, …).
	 */
	CLIENT_CREATED,

	/**
	 * A client's metadata was replaced; {@code detail} lists the changed fields, never a
	 * value.
	 */
	CLIENT_UPDATED,

	CLIENT_SECRET_ROTATED,

	/** A client was deleted and its token families revoked. */
	CLIENT_DELETED,

	/** An administrator created a user; {@code client_id} is the acting admin client. */
	USER_CREATED,

	USER_DISABLED,

	USER_ENABLED,

	/** {@code detail} lists the new roles. */
	USER_ROLES_CHANGED,

	/** An administrator lifted the sign-in throttle of the user. */
	USER_UNLOCKED,

	/** The account and its personal data are gone; the events keep only its id. */
	USER_DELETED,

	/** An administrator ended every session and browser sign-in of the user. */
	USER_SIGNED_OUT_EVERYWHERE,

	/**
	 * A confidential client failed to authenticate (wrong secret) or was refused while
	 * its id is locked after too many failures; {@code client_id} names it,
	 * {@code detail} says which ({@code BAD_CREDENTIALS}, {@code THROTTLED}).
	 */
	CLIENT_AUTHENTICATION_FAILED,

	/**
	 * A logout token of an ended session reached the client's
	 * {@code backchannel_logout_uri} (OpenID Connect Back-Channel Logout 1.0);
	 * {@code family_id} is its {@code sid}, {@code detail} the HTTP status and attempt.
	 */
	BACKCHANNEL_LOGOUT_DELIVERED,

	/**
	 * An attempt to deliver a logout token failed; {@code detail} says why and when the
	 * next attempt is.
	 */
	BACKCHANNEL_LOGOUT_FAILED,

	/**
	 * Delivery of a logout token was given up after
	 * {@code baton.backchannel-logout.retry-for}; {@code detail} says how many attempts
	 * failed and the last reason.
	 */
	BACKCHANNEL_LOGOUT_ABANDONED,

	/**
	 * Someone asked for a password-reset link; {@code subject} is the account when the
	 * address is one's (no address is recorded otherwise), {@code detail}
	 * {@code UNKNOWN_ADDRESS} or {@code THROTTLED} when no mail was sent. Never the link.
	 */
	PASSWORD_RESET_REQUESTED,

	/** A password was set through a reset link; every session of the account ended. */
	PASSWORD_RESET,

	/**
	 * A verification link was used; {@code detail} {@code ADDRESS_CHANGED} when it was a
	 * new address.
	 */
	EMAIL_VERIFIED,

	/**
	 * The user changed the display name or asked to change the address; {@code detail}
	 * names the fields.
	 */
	PROFILE_UPDATED,

	/**
	 * A user set up TOTP as the second factor of their sign-in (confirmed with a first
	 * valid code).
	 */
	MFA_ENROLLED,

	/** A user removed their second factor, with its recovery codes. */
	MFA_REMOVED,

	/**
	 * A sign-in's second factor was accepted; {@code detail} is {@code TOTP} or
	 * {@code RECOVERY_CODE}.
	 */
	MFA_VERIFIED,

	/**
	 * One of the user's recovery codes was used (and is spent); {@code detail} says how
	 * many are left.
	 */
	MFA_RECOVERY_CODE_USED,

	/**
	 * A second factor was refused; {@code detail} is {@code BAD_CODE} (wrong, used or
	 * expired code) or {@code THROTTLED}.
	 */
	MFA_FAILED,

	/** A user registered a passkey (WebAuthn); {@code detail} is its label. */
	PASSKEY_REGISTERED,

	/** A user removed one of their passkeys; {@code detail} is its label. */
	PASSKEY_REMOVED

}
