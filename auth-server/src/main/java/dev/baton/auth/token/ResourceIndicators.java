package dev.baton.auth.token;

import java.net.URI;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.springframework.security.oauth2.core.OAuth2Error;

/**
 * RFC 8707 resource indicators, read and checked in one place for the authorization
 * request, the token request and the refresh grant: each {@code resource} value must be
 * an absolute URI without a fragment (§2) and among what the client or its grant may
 * have; otherwise the answer is {@code invalid_target} (§2.2).
 */
public final class ResourceIndicators {

	/** The RFC 8707 error code (§2.2). */
	public static final String INVALID_TARGET = "invalid_target";

	/** The RFC 8707 request parameter. */
	public static final String PARAMETER = "resource";

	private ResourceIndicators() {
	}

	/**
	 * The requested resources of a request's parameters (one value or several); empty
	 * when none was sent.
	 */
	public static Set<String> requested(Map<String, Object> parameters) {
		Object value = (parameters != null) ? parameters.get(PARAMETER) : null;
		Set<String> resources = new LinkedHashSet<>();
		if (value instanceof String single) {
			resources.add(single);
		}
		else if (value instanceof String[] several) {
			resources.addAll(Arrays.asList(several));
		}
		else if (value instanceof Collection<?> several) {
			several.forEach((resource) -> resources.add(String.valueOf(resource)));
		}
		return resources;
	}

	/**
	 * Whether every requested resource is a well-formed indicator among the allowed ones.
	 */
	public static boolean allowed(Set<String> requested, Set<String> allowed) {
		return allowed.containsAll(requested) && requested.stream().allMatch(ResourceIndicators::isWellFormed);
	}

	/** The {@code invalid_target} error (RFC 8707 §2.2). */
	public static OAuth2Error invalidTarget() {
		return new OAuth2Error(INVALID_TARGET, "The requested resource is not available to this client", null);
	}

	private static boolean isWellFormed(String value) {
		try {
			URI uri = URI.create(value);
			return uri.isAbsolute() && uri.getFragment() == null;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
