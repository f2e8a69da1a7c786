package dev.baton.auth.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The rule for an entry of {@code allowed_cors_origins}: an origin exactly as a browser
 * sends it in its {@code Origin} header (the serialization of RFC 6454 §6.2 and the Fetch
 * standard): {@code scheme://host[:port]}, scheme and host in lower case, no default
 * port, no path (not even {@code /}), query, fragment or user info, no wildcard,
 * {@code https}, or {@code http} on a loopback host only (as for redirect URIs, RFC 8252
 * §7.3). An origin is compared as a whole string, so a registered value that is not in
 * this form would never match: it is refused with the form it should take instead of
 * being rewritten behind the administrator's back.
 */
public final class CorsOrigin {

	/**
	 * Longer than any real origin; keeps a hostile {@code Origin} header away from the
	 * database.
	 */
	static final int MAX_LENGTH = 300;

	private CorsOrigin() {
	}

	/**
	 * Whether the value is an origin in its serialized form that a client may register.
	 */
	public static boolean isValid(String value) {
		return problem(value).isEmpty();
	}

	/** What is wrong with the value as an allowed origin, or empty when nothing is. */
	public static Optional<String> problem(String value) {
		if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
			return Optional.of("must be an origin scheme://host[:port] of at most " + MAX_LENGTH + " characters");
		}
		if (value.contains("*")) {
			return Optional.of("'" + shown(value) + "' is a wildcard: list each origin");
		}
		URI uri = parse(value);
		if (uri == null || !uri.isAbsolute() || uri.isOpaque() || uri.getHost() == null
				|| uri.getRawUserInfo() != null) {
			return Optional.of("'" + shown(value) + "' is not an origin scheme://host[:port]");
		}
		String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
		String host = uri.getHost().toLowerCase(Locale.ROOT);
		if (!scheme.equals("https") && !(scheme.equals("http") && ClientMetadataValidator.isLoopback(host))) {
			return Optional.of("'" + shown(value) + "' must use https (http only on a loopback host)");
		}
		int port = uri.getPort();
		if (port == 0 || port > 65535) {
			return Optional.of("'" + shown(value) + "' has no valid port (1 to 65535)");
		}
		boolean defaultPort = (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
		String canonical = scheme + "://" + host + ((port == -1 || defaultPort) ? "" : ":" + port);
		if (!uri.getRawPath().isEmpty() || uri.getRawQuery() != null || uri.getRawFragment() != null) {
			return Optional
				.of("'" + shown(value) + "' is not an origin: without path, query and fragment it is " + canonical);
		}
		if (!value.equals(canonical)) {
			return Optional.of("'" + shown(value) + "' must be written as a browser sends it: " + canonical);
		}
		return Optional.empty();
	}

	private static URI parse(String value) {
		try {
			return new URI(value);
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

	private static String shown(String value) {
		return (value.length() > 80) ? value.substring(0, 80) + "…" : value;
	}

}
