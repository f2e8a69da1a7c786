package dev.baton.auth.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import org.springframework.web.util.UriUtils;

/**
 * An authorization request without the parameters a fresh sign-in satisfies, as the login
 * page's saved request returns to it: {@code max_age} dropped and the {@code login} value
 * taken out of {@code prompt} (see {@link AuthorizationPromptFilter}).
 */
final class PromptStrippedRequest extends HttpServletRequestWrapper {

	private final Map<String, String[]> parameters;

	private final String queryString;

	PromptStrippedRequest(HttpServletRequest request, Set<String> dropped, String promptValue) {
		super(request);
		Map<String, String[]> parameters = new LinkedHashMap<>();
		request.getParameterMap().forEach((name, values) -> {
			if (dropped.contains(name)) {
				return;
			}
			String[] kept = AuthorizationPromptFilter.PROMPT.equals(name) ? withoutValue(values, promptValue) : values;
			if (kept.length > 0) {
				parameters.put(name, kept);
			}
		});
		this.parameters = Collections.unmodifiableMap(parameters);
		this.queryString = (request.getQueryString() != null) ? query(request.getQueryString(), dropped, promptValue)
				: null;
	}

	private static String[] withoutValue(String[] values, String value) {
		List<String> kept = new ArrayList<>();
		for (String prompt : values) {
			String rest = Arrays.stream(prompt.trim().split(" +"))
				.filter((single) -> !single.isEmpty() && !single.equals(value))
				.collect(Collectors.joining(" "));
			if (!rest.isEmpty()) {
				kept.add(rest);
			}
		}
		return kept.toArray(String[]::new);
	}

	private static String query(String query, Set<String> dropped, String promptValue) {
		List<String> pairs = new ArrayList<>();
		for (String pair : query.split("&")) {
			int equals = pair.indexOf('=');
			String name = decode((equals < 0) ? pair : pair.substring(0, equals));
			if (dropped.contains(name)) {
				continue;
			}
			if (AuthorizationPromptFilter.PROMPT.equals(name) && equals >= 0) {
				String[] rest = withoutValue(new String[] { decode(pair.substring(equals + 1)) }, promptValue);
				if (rest.length == 0) {
					continue;
				}
				pairs.add(pair.substring(0, equals) + "=" + UriUtils.encodeQueryParam(rest[0], StandardCharsets.UTF_8));
				continue;
			}
			pairs.add(pair);
		}
		return pairs.isEmpty() ? null : String.join("&", pairs);
	}

	/**
	 * Form decoding ({@code +} is a space); a value that does not decode stays as it is.
	 */
	private static String decode(String value) {
		try {
			return URLDecoder.decode(value, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return value;
		}
	}

	@Override
	public String getQueryString() {
		return this.queryString;
	}

	@Override
	public String getParameter(String name) {
		String[] values = this.parameters.get(name);
		return (values != null && values.length > 0) ? values[0] : null;
	}

	@Override
	public Map<String, String[]> getParameterMap() {
		return this.parameters;
	}

	@Override
	public Enumeration<String> getParameterNames() {
		return Collections.enumeration(this.parameters.keySet());
	}

	@Override
	public String[] getParameterValues(String name) {
		return this.parameters.get(name);
	}

}
