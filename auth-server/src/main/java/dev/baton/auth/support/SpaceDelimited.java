package dev.baton.auth.support;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Space-delimited lists, the OAuth wire format (RFC 6749 §3.3), used for list columns
 * too.
 */
public final class SpaceDelimited {

	private SpaceDelimited() {
	}

	public static Set<String> parse(String value) {
		if (value == null || value.isBlank()) {
			return Collections.emptySet();
		}
		return Arrays.stream(value.trim().split(" +")).collect(Collectors.toCollection(LinkedHashSet::new));
	}

	public static String join(Collection<String> values) {
		return (values == null) ? "" : String.join(" ", values);
	}

}
