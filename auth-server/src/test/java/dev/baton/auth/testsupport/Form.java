package dev.baton.auth.testsupport;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An {@code application/x-www-form-urlencoded} body in order, duplicates allowed, with
 * extra headers.
 */
public final class Form {

	private final List<Map.Entry<String, String>> parameters = new ArrayList<>();

	private final List<Map.Entry<String, String>> headers = new ArrayList<>();

	public static Form of(String... namesAndValues) {
		Form form = new Form();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			form.add(namesAndValues[i], namesAndValues[i + 1]);
		}
		return form;
	}

	public Form add(String name, String value) {
		this.parameters.add(Map.entry(name, value));
		return this;
	}

	public Form header(String name, String value) {
		this.headers.add(Map.entry(name, value));
		return this;
	}

	public List<Map.Entry<String, String>> headers() {
		return this.headers;
	}

	public String encoded() {
		return this.parameters.stream()
			.map((entry) -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
			.collect(Collectors.joining("&"));
	}

	public static String encodeValue(String value) {
		return encode(value);
	}

	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
