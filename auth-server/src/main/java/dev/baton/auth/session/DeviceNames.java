package dev.baton.auth.session;

import java.util.Locale;

/**
 * A short, human name for a user agent ("Chrome on Linux", "Safari on iPhone"): good
 * enough to recognise one's own devices, not a fingerprint. Unknown agents are shown as
 * such.
 */
final class DeviceNames {

	private DeviceNames() {
	}

	static String describe(String userAgent) {
		if (userAgent == null || userAgent.isBlank()) {
			return "Unknown device";
		}
		String ua = userAgent.toLowerCase(Locale.ROOT);
		String program = program(ua);
		String system = system(ua);
		if (program == null) {
			String first = userAgent.split("[\\s/;(]", 2)[0];
			program = first.isBlank() ? "Unknown app" : first;
		}
		return (system != null) ? program + " on " + system : program;
	}

	private static String program(String ua) {
		if (ua.contains("edg/")) {
			return "Edge";
		}
		if (ua.contains("opr/") || ua.contains("opera")) {
			return "Opera";
		}
		if (ua.contains("firefox/")) {
			return "Firefox";
		}
		if (ua.contains("headlesschrome/")) {
			return "Chrome (headless)";
		}
		if (ua.contains("chrome/") || ua.contains("chromium/")) {
			return "Chrome";
		}
		if (ua.contains("safari/")) {
			return "Safari";
		}
		if (ua.startsWith("curl/")) {
			return "curl";
		}
		if (ua.startsWith("java-http-client") || ua.startsWith("java/")) {
			return "Java HTTP client";
		}
		if (ua.startsWith("okhttp")) {
			return "Android app";
		}
		if (ua.contains("cfnetwork")) {
			return "iOS app";
		}
		return null;
	}

	private static String system(String ua) {
		if (ua.contains("iphone")) {
			return "iPhone";
		}
		if (ua.contains("ipad")) {
			return "iPad";
		}
		if (ua.contains("android")) {
			return "Android";
		}
		if (ua.contains("windows")) {
			return "Windows";
		}
		if (ua.contains("mac os x") || ua.contains("macintosh")) {
			return "macOS";
		}
		if (ua.contains("cros")) {
			return "ChromeOS";
		}
		if (ua.contains("linux")) {
			return "Linux";
		}
		return null;
	}

}
