package dev.baton.auth.testsupport;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/** A response as tests look at it. */
public record HttpResult(int status, String body, HttpResponse<String> response) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static HttpResult of(HttpResponse<String> response) {
		return new HttpResult(response.statusCode(), response.body(), response);
	}

	public String header(String name) {
		return this.response.headers().firstValue(name).orElse(null);
	}

	public URI location() {
		String location = header("Location");
		return (location != null) ? this.response.uri().resolve(location) : null;
	}

	@SuppressWarnings("unchecked")
	public Map<String, Object> json() {
		return JSON.readValue(this.body, Map.class);
	}

	public String string(String name) {
		Object value = json().get(name);
		return (value != null) ? value.toString() : null;
	}

	@Override
	public String toString() {
		return "HTTP " + this.status + " " + this.body;
	}

}
