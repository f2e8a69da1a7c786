package dev.baton.auth.signin;

import java.util.Locale;

/** What failures are counted against: a username, a client IP, or an IP probing registrations. */
public record ThrottleKey(Kind kind, String value) {

	private static final int MAX_LENGTH = 200;

	public ThrottleKey {
		value = (value != null) ? value.trim().toLowerCase(Locale.ROOT) : "";
	}

	public static ThrottleKey account(String username) {
		return new ThrottleKey(Kind.ACCOUNT, username);
	}

	public static ThrottleKey ip(String ip) {
		return new ThrottleKey(Kind.IP, ip);
	}

	public static ThrottleKey registrationIp(String ip) {
		return new ThrottleKey(Kind.REGISTRATION_IP, ip);
	}

	/** The stored form, {@code account:alice}; bounded so hostile input cannot grow the row. */
	String stored() {
		String stored = this.kind.prefix + this.value;
		return (stored.length() > MAX_LENGTH) ? stored.substring(0, MAX_LENGTH) : stored;
	}

	public enum Kind {

		ACCOUNT("account:"), IP("ip:"), REGISTRATION_IP("registration-ip:");

		private final String prefix;

		Kind(String prefix) {
			this.prefix = prefix;
		}

	}

}
