package dev.baton.auth.signin;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import dev.baton.auth.audit.AuditEventType;
import dev.baton.auth.audit.AuditLog;
import dev.baton.auth.support.RequestOrigin;
import dev.baton.auth.support.RequestOrigins;
import dev.baton.auth.user.SignedInAccounts;

import org.springframework.security.authentication.AccountStatusException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * Password sign-in with brute-force protection: a locked username or IP is refused before the password is looked
 * at; a wrong password counts one failure against both the username and the IP; a success clears the username's
 * count (not the IP's: one valid account must not buy an attacker more guesses at others). Every attempt is
 * audited as {@code SIGN_IN_SUCCEEDED} or {@code SIGN_IN_FAILED} with the IP and user agent, never the password.
 * Unknown usernames are counted and locked like known ones and cost the same password hashing (the framework's
 * provider compares against a dummy hash), so neither the answer nor its timing tells whether an account exists.
 */
public final class ThrottlingAuthenticationProvider implements AuthenticationProvider {

	static final int SUBJECT_LENGTH = 100;

	private final AuthenticationProvider passwords;

	private final SignInThrottle throttle;

	private final AuditLog auditLog;

	private final SignedInAccounts accounts;

	public ThrottlingAuthenticationProvider(AuthenticationProvider passwords, SignInThrottle throttle,
			AuditLog auditLog, SignedInAccounts accounts) {
		this.passwords = passwords;
		this.throttle = throttle;
		this.auditLog = auditLog;
		this.accounts = accounts;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String username = subject(authentication.getName());
		RequestOrigin origin = RequestOrigins.current();
		ThrottleKey accountKey = ThrottleKey.account(username);
		ThrottleKey ipKey = ThrottleKey.ip(String.valueOf(origin.ip()));
		Optional<Instant> lockedUntil = Stream.of(this.throttle.lockedUntil(accountKey), this.throttle.lockedUntil(ipKey))
			.flatMap(Optional::stream)
			.max(Instant::compareTo);
		if (lockedUntil.isPresent()) {
			this.auditLog.record(AuditEventType.SIGN_IN_FAILED, auditSubject(username), null, null, "THROTTLED",
					origin);
			throw new SignInThrottledException(lockedUntil.get());
		}
		Authentication result;
		try {
			result = this.passwords.authenticate(authentication);
		}
		catch (BadCredentialsException ex) {
			this.throttle.recordFailure(accountKey);
			this.throttle.recordFailure(ipKey);
			this.auditLog.record(AuditEventType.SIGN_IN_FAILED, auditSubject(username), null, null, "BAD_CREDENTIALS",
					origin);
			throw ex;
		}
		catch (AccountStatusException ex) {
			// Only after the right password (the account status is checked after it), so the message tells
			// nothing to someone guessing.
			this.throttle.recordFailure(ipKey);
			this.auditLog.record(AuditEventType.SIGN_IN_FAILED, auditSubject(username), null, null, "ACCOUNT_DISABLED",
					origin);
			throw new DisabledException("The account is disabled");
		}
		this.throttle.reset(accountKey);
		this.auditLog.record(AuditEventType.SIGN_IN_SUCCEEDED, auditSubject(result.getName()), null, null, null,
				origin);
		return result;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

	/** An existing account is named by its id (the {@code sub}), anything else by what was typed. */
	private String auditSubject(String username) {
		return this.accounts.subjectOf(username).orElse(username);
	}

	private static String subject(String name) {
		String value = (name != null) ? name.trim().toLowerCase(Locale.ROOT) : "";
		return (value.length() > SUBJECT_LENGTH) ? value.substring(0, SUBJECT_LENGTH) : value;
	}

}
