package dev.baton.auth.signin;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.baton.auth.audit.AuditEventType;
import dev.baton.auth.audit.AuditLog;
import dev.baton.auth.crypto.TokenHash;
import dev.baton.auth.session.BrowserCookie;
import dev.baton.auth.support.RequestOrigin;
import dev.baton.auth.support.RequestOrigins;
import dev.baton.auth.user.SignedInAccounts;

import org.springframework.security.authentication.AccountStatusException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Password sign-in with brute-force protection that an attacker cannot turn against the
 * owner (docs/SECURITY.md). Each attempt is counted before the password is looked at
 * ({@link SignInThrottle}), against:
 * <ul>
 * <li>from a browser the user signed in with before ({@link KnownBrowsers}): that
 * username from that browser only. A flood from elsewhere never locks the owner out of
 * their own browsers;
 * <li>from anywhere else: that username from that IP (a few tries), the IP whatever the
 * username, and the username as a whole (a higher ceiling, so rotating IPs buys an
 * attacker a bounded number of guesses per hour).
 * </ul>
 * A right password takes its count back and clears its source's count; the username's
 * ceiling and the IP's count are not cleared (one valid account or one sign-in by the
 * owner must not buy an attacker more guesses). Every attempt is audited as
 * {@code SIGN_IN_SUCCEEDED} or {@code SIGN_IN_FAILED} with the IP and user agent, never
 * the password; a name that is no account is audited without it (subject empty, detail
 * {@code UNKNOWN_USERNAME}) and counted against the IP only, because what was typed into
 * the username field may be a password. Unknown usernames cost the same password hashing
 * (the framework's provider compares against a dummy hash), so the answer and its timing
 * do not tell whether an account exists.
 */
public final class ThrottlingAuthenticationProvider implements AuthenticationProvider {

	static final int SUBJECT_LENGTH = 100;

	private final AuthenticationProvider passwords;

	private final SignInThrottle throttle;

	private final KnownBrowsers knownBrowsers;

	private final AuditLog auditLog;

	private final SignedInAccounts accounts;

	public ThrottlingAuthenticationProvider(AuthenticationProvider passwords, SignInThrottle throttle,
			KnownBrowsers knownBrowsers, AuditLog auditLog, SignedInAccounts accounts) {
		this.passwords = passwords;
		this.throttle = throttle;
		this.knownBrowsers = knownBrowsers;
		this.auditLog = auditLog;
		this.accounts = accounts;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String username = subject(authentication.getName());
		RequestOrigin origin = RequestOrigins.current();
		// An existing account is named by its id (the sub); a name that is no account is
		// not stored at all.
		String audited = username.isEmpty() ? null : this.accounts.subjectOf(username).orElse(null);
		boolean exists = audited != null;
		Optional<TokenHash> browser = currentBrowser();
		boolean knownBrowser = exists && this.knownBrowsers.isKnown(username, browser);
		ThrottleKey ipKey = ThrottleKey.ip(String.valueOf(origin.ip()));
		ThrottleKey sourceKey = knownBrowser ? ThrottleKey.accountFromBrowser(username, browser.get())
				: ThrottleKey.accountFromIp(username, String.valueOf(origin.ip()));
		ThrottleKey accountKey = ThrottleKey.account(username);
		List<ThrottleKey> keys = !exists ? List.of(ipKey)
				: knownBrowser ? List.of(sourceKey) : List.of(sourceKey, ipKey, accountKey);
		if (this.throttle.attempt(keys) instanceof SignInThrottle.Attempt.Locked locked) {
			this.auditLog.record(AuditEventType.SIGN_IN_FAILED, audited, null, null, "THROTTLED", origin);
			throw new SignInThrottledException(locked.until());
		}
		Authentication result;
		try {
			result = this.passwords.authenticate(authentication);
		}
		catch (BadCredentialsException ex) {
			this.auditLog.record(AuditEventType.SIGN_IN_FAILED, audited, null, null,
					exists ? "BAD_CREDENTIALS" : "UNKNOWN_USERNAME", origin);
			throw ex;
		}
		catch (AccountStatusException ex) {
			// Only after the right password (the account status is checked after it), so
			// the message tells
			// nothing to someone guessing.
			this.auditLog.record(AuditEventType.SIGN_IN_FAILED, audited, null, null, "ACCOUNT_DISABLED", origin);
			throw new DisabledException("The account is disabled");
		}
		if (keys.size() > 1) {
			this.throttle.refund(ipKey);
			this.throttle.refund(accountKey);
		}
		this.throttle.reset(sourceKey);
		this.knownBrowsers.remember(username, browser);
		this.auditLog.record(AuditEventType.SIGN_IN_SUCCEEDED, audited, null, null, null, origin);
		return result;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

	private static Optional<TokenHash> currentBrowser() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			return BrowserCookie.hashOf(attributes.getRequest());
		}
		return Optional.empty();
	}

	private static String subject(String name) {
		String value = (name != null) ? name.trim().toLowerCase(Locale.ROOT) : "";
		return (value.length() > SUBJECT_LENGTH) ? value.substring(0, SUBJECT_LENGTH) : value;
	}

}
