package dev.baton.auth.support;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Recognises IP address literals (IPv4 dotted quad, IPv6 without zone) without ever
 * resolving a name, so that only a real address is stored as a client IP in audit events,
 * sessions and throttle counters: whatever a client writes into a forwarding header is
 * either a literal address or nothing.
 */
public final class IpAddresses {

	private static final Pattern IPV4 = Pattern
		.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

	private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

	private IpAddresses() {
	}

	/**
	 * The literal as given (without brackets), or {@code null} when {@code value} is not
	 * an IP address literal.
	 */
	public static String literalOrNull(String value) {
		if (value == null) {
			return null;
		}
		String candidate = value.trim();
		if (candidate.startsWith("[") && candidate.endsWith("]")) {
			candidate = candidate.substring(1, candidate.length() - 1);
		}
		if (IPV4.matcher(candidate).matches()) {
			return candidate;
		}
		if (candidate.indexOf(':') < 0 || !IPV6_CHARACTERS.matcher(candidate).matches()) {
			return null;
		}
		try {
			// Only hex digits, colons and dots: InetAddress parses a literal and never
			// looks a name up.
			InetAddress.getByName(candidate);
			return candidate;
		}
		catch (UnknownHostException | IllegalArgumentException ex) {
			return null;
		}
	}

}
