package dev.baton.auth.support;

/**
 * Where a request came from: the client IP (after trusted proxy headers) and the user
 * agent, as recorded with token families and audit events. The IP is an address literal
 * or {@code null}, never other text.
 */
public record RequestOrigin(String ip, String userAgent) {

	public static final RequestOrigin UNKNOWN = new RequestOrigin(null, null);

	private static final int USER_AGENT_LENGTH = 255;

	public RequestOrigin {
		ip = IpAddresses.literalOrNull(ip);
		userAgent = truncate(userAgent, USER_AGENT_LENGTH);
	}

	private static String truncate(String value, int length) {
		return (value != null && value.length() > length) ? value.substring(0, length) : value;
	}

}
