package dev.baton.auth.support;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Whether a host name or literal address is the loopback interface (no name lookup beyond
 * {@code localhost}).
 */
public final class Loopback {

	private Loopback() {
	}

	public static boolean isLoopback(String host) {
		if (host == null || host.isBlank()) {
			return false;
		}
		String name = host.trim();
		if (name.startsWith("[") && name.endsWith("]")) {
			name = name.substring(1, name.length() - 1);
		}
		if (name.equalsIgnoreCase("localhost")) {
			return true;
		}
		if (!name.matches("[0-9.]+|[0-9a-fA-F:]+")) {
			return false;
		}
		try {
			return InetAddress.getByName(name).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

}
