package dev.baton.auth.client;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The form of an allowed CORS origin: exactly what a browser sends as {@code Origin}. */
class CorsOriginTests {

	@ParameterizedTest
	@ValueSource(strings = { "https://spa.example", "https://spa.example:8443", "https://a.b.spa.example",
			"http://localhost:3000", "http://localhost", "http://127.0.0.1:5173", "http://[::1]:8080",
			"https://192.0.2.1" })
	void problemWhenSerializedOriginThenNone(String origin) {
		assertThat(CorsOrigin.problem(origin)).isEmpty();
		assertThat(CorsOrigin.isValid(origin)).isTrue();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"https://spa.example/|without path, query and fragment it is https://spa.example",
			"https://spa.example/app|without path, query and fragment it is https://spa.example",
			"https://spa.example?x=1|without path, query and fragment it is https://spa.example",
			"https://spa.example#top|without path, query and fragment it is https://spa.example", "*|wildcard",
			"https://*.spa.example|wildcard", "http://spa.example|must use https (http only on a loopback host)",
			"http://10.0.0.1:8080|must use https (http only on a loopback host)", "ftp://spa.example|must use https",
			"HTTPS://Spa.Example|must be written as a browser sends it: https://spa.example",
			"https://spa.example:443|must be written as a browser sends it: https://spa.example",
			"http://localhost:80|must be written as a browser sends it: http://localhost",
			"https://user@spa.example|is not an origin", "null|is not an origin", "spa.example|is not an origin",
			"https://|is not an origin", "https://spa example|is not an origin",
			"https://sp_a.example|is not an origin", "mailto:a@spa.example|is not an origin",
			"https://spa.example:0|no valid port", "https://spa.example:70000|no valid port" })
	void problemWhenNotASerializedOriginThenSaysWhy(String value, String expected) {
		assertThat(CorsOrigin.problem(value)).hasValueSatisfying((problem) -> assertThat(problem).contains(expected));
		assertThat(CorsOrigin.isValid(value)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " https://spa.example", "https://spa.example " })
	void problemWhenEmptyOrPaddedThenRefused(String value) {
		assertThat(CorsOrigin.isValid(value)).isFalse();
	}

	@org.junit.jupiter.api.Test
	void problemWhenTooLongOrNullThenRefused() {
		assertThat(CorsOrigin.isValid("https://" + "a".repeat(300) + ".example")).isFalse();
		assertThat(CorsOrigin.isValid(null)).isFalse();
	}

}
