package dev.baton.auth.signin;

import java.time.Instant;

import org.springframework.security.core.AuthenticationException;

/**
 * A sign-in refused without looking at the password, because its username or IP is locked
 * for a while.
 */
public final class SignInThrottledException extends AuthenticationException {

	private final transient Instant lockedUntil;

	public SignInThrottledException(Instant lockedUntil) {
		super("Too many failed sign-ins");
		this.lockedUntil = lockedUntil;
	}

	public Instant lockedUntil() {
		return this.lockedUntil;
	}

}
