package dev.baton.auth.signin;

import java.util.HexFormat;
import java.util.Locale;

import dev.baton.auth.crypto.TokenHash;

/**
 * What attempts are counted against: a username from one source, a username as a whole, a
 * client IP, an IP registering accounts or probing taken usernames, a client id.
 */
public record ThrottleKey(Kind kind, String value) {

	private static final int MAX_LENGTH = 200;

	public ThrottleKey {
		value = (value != null) ? value.trim().toLowerCase(Locale.ROOT) : "";
	}

	/** One username as a whole (the ceiling for all unknown browsers together). */
	public static ThrottleKey account(String username) {
		return new ThrottleKey(Kind.ACCOUNT, username);
	}

	/** One username from one IP. */
	public static ThrottleKey accountFromIp(String username, String ip) {
		return new ThrottleKey(Kind.ACCOUNT_IP, ip + "|" + username);
	}

	/**
	 * One username from one browser it was signed in with before (128 bits of the
	 * cookie's SHA-256).
	 */
	public static ThrottleKey accountFromBrowser(String username, TokenHash browser) {
		return new ThrottleKey(Kind.ACCOUNT_BROWSER, HexFormat.of().formatHex(browser.bytes(), 0, 16) + "|" + username);
	}

	/**
	 * The second factor of one username, from anywhere: a right password does not clear
	 * it, so knowing the password buys no more code guesses.
	 */
	public static ThrottleKey secondFactor(String username) {
		return new ThrottleKey(Kind.SECOND_FACTOR, username);
	}

	public static ThrottleKey ip(String ip) {
		return new ThrottleKey(Kind.IP, ip);
	}

	public static ThrottleKey registrationIp(String ip) {
		return new ThrottleKey(Kind.REGISTRATION_IP, ip);
	}

	public static ThrottleKey registrationsFromIp(String ip) {
		return new ThrottleKey(Kind.REGISTRATIONS_IP, ip);
	}

	public static ThrottleKey client(String clientId) {
		return new ThrottleKey(Kind.CLIENT, clientId);
	}

	/**
	 * Password-reset requests for one e-mail address, known or not: stored as 128 bits of
	 * the address's SHA-256, so the throttle table holds no address somebody typed.
	 */
	public static ThrottleKey passwordResetAddress(String email) {
		String normalized = (email != null) ? email.trim().toLowerCase(Locale.ROOT) : "";
		return new ThrottleKey(Kind.PASSWORD_RESET_ADDRESS,
				HexFormat.of().formatHex(TokenHash.of(normalized).bytes(), 0, 16));
	}

	/** Password-reset requests from one IP. */
	public static ThrottleKey passwordResetIp(String ip) {
		return new ThrottleKey(Kind.PASSWORD_RESET_IP, ip);
	}

	/**
	 * The stored form, {@code account:alice}; bounded so hostile input cannot grow the
	 * row.
	 */
	String stored() {
		String stored = this.kind.prefix + this.value;
		return (stored.length() > MAX_LENGTH) ? stored.substring(0, MAX_LENGTH) : stored;
	}

	public enum Kind {

		ACCOUNT("account:"), ACCOUNT_IP("account-ip:"), ACCOUNT_BROWSER("account-browser:"), IP("ip:"),
		REGISTRATION_IP("registration-ip:"), REGISTRATIONS_IP("registrations-ip:"), CLIENT("client:"),
		PASSWORD_RESET_ADDRESS("reset-address:"), PASSWORD_RESET_IP("reset-ip:"), SECOND_FACTOR("second-factor:");

		private final String prefix;

		Kind(String prefix) {
			this.prefix = prefix;
		}

	}

}
