package dev.baton.resource.bench;

/**
 * The header-value rule of Spring Security's {@code StrictHttpFirewall} (every code point
 * assigned, and not an ISO control character except tab) as a loop instead of a
 * Unicode-property regular expression, which on a kilobyte-long {@code Authorization}
 * header costs more than verifying the token's claims.
 */
final class HeaderValues {

	private HeaderValues() {
	}

	static boolean isAllowed(String value) {
		for (int i = 0; i < value.length();) {
			int codePoint = value.codePointAt(i);
			if (!Character.isDefined(codePoint) || (Character.isISOControl(codePoint) && codePoint != '\t')) {
				return false;
			}
			i += Character.charCount(codePoint);
		}
		return true;
	}

}
