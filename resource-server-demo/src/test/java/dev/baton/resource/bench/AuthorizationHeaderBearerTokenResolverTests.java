package dev.baton.resource.bench;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

import static org.assertj.core.api.Assertions.assertThat;

class AuthorizationHeaderBearerTokenResolverTests {

	private static final List<String> HEADERS = Arrays.asList(null, "", "Basic dXNlcjpwYXNz", "Bearer abc.def.ghi",
			"bearer abc.def.ghi", "BEARER abc", "Bearer abc==", "Bearer abc=d", "Bearer ", "Bearer", "Bearerabc",
			"Bearer  abc", "Bearer abc def", "Bearer a-b._~+/c", "Bearer abc!", "Bearer \u00e9", "Bearer =",
			"Bearertoken x", "Bearer " + "x".repeat(2000));

	@Test
	void resolveWhenAnyAuthorizationHeaderThenSameOutcomeAsDefaultResolver() {
		DefaultBearerTokenResolver reference = new DefaultBearerTokenResolver();
		AuthorizationHeaderBearerTokenResolver resolver = new AuthorizationHeaderBearerTokenResolver();
		for (String header : HEADERS) {
			MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/me");
			if (header != null) {
				request.addHeader("Authorization", header);
			}
			assertThat(outcome(() -> resolver.resolve(request))).as(String.valueOf(header))
				.isEqualTo(outcome(() -> reference.resolve(request)));
		}
	}

	@Test
	void resolveWhenTokenInQueryParameterThenIgnored() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/me");
		request.addParameter("access_token", "abc");

		assertThat(new AuthorizationHeaderBearerTokenResolver().resolve(request)).isNull();
	}

	private static String outcome(java.util.function.Supplier<String> resolve) {
		try {
			return "token:" + resolve.get();
		}
		catch (OAuth2AuthenticationException ex) {
			return "error:" + ex.getError().getErrorCode();
		}
	}

}
