package dev.baton.auth.web;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.baton.auth.testsupport.BatonServerTests;
import dev.baton.auth.testsupport.Form;
import dev.baton.auth.testsupport.HttpResult;
import dev.baton.auth.testsupport.TestClient;
import dev.baton.auth.testsupport.Tokens;
import jakarta.servlet.Filter;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.web.filter.CharacterEncodingFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token endpoint's short filter chain: which of the authorization server's filters it
 * keeps, which requests take it, and that its answers carry what the full chain's carry.
 */
class TokenRequestFilterChainHttpTests extends BatonServerTests {

	private static final List<String> SECURITY_HEADERS = List.of("Cache-Control", "Pragma", "Expires",
			"X-Content-Type-Options", "X-Frame-Options", "X-XSS-Protection", "Strict-Transport-Security");

	@Autowired
	@Qualifier("tokenRequestChain")
	private SecurityFilterChain tokenRequests;

	@Autowired
	@Qualifier("authorizationServerFilterChain")
	private SecurityFilterChain authorizationServer;

	@Test
	void chainWhenBuiltThenKeepsTheFiltersActingOnTokenRequestsInTheirOrder() {
		assertThat(this.tokenRequests.getFilters()).extracting((filter) -> filter.getClass().getSimpleName())
			.containsExactly("SecurityContextHolderFilter", "AuthorizationServerContextFilter", "HeaderWriterFilter",
					"OAuth2ClientAuthenticationFilter", "AnonymousAuthenticationFilter", "ExceptionTranslationFilter",
					"AuthorizationFilter", "OAuth2TokenEndpointFilter");
	}

	@Test
	void dropListWhenComparedWithTheFullChainThenEveryEntryIsInIt() {
		List<Class<?>> inFullChain = this.authorizationServer.getFilters()
			.stream()
			.<Class<?>>map((filter) -> (filter.getClass().getEnclosingClass() != null)
					? filter.getClass().getEnclosingClass() : filter.getClass())
			.toList();

		assertThat(inFullChain).containsAll(TokenRequestFilterChain.NOT_ACTING_ON_TOKEN_REQUESTS);
	}

	@Test
	void filtersWhenUnlistedThenKept() {
		Filter unknown = new CharacterEncodingFilter();

		assertThat(TokenRequestFilterChain
			.actingOnTokenRequests(List.of(new CsrfFilter(new HttpSessionCsrfTokenRepository()), unknown)))
			.containsExactly(unknown);
	}

	@Test
	void matcherWhenPostToTokenEndpointWithBasicOrNoAuthorizationThenShortChain() {
		assertThat(this.tokenRequests.matches(request("POST", "/oauth2/token", null))).isTrue();
		assertThat(this.tokenRequests.matches(request("POST", "/oauth2/token", "Basic ZGVtbzp4"))).isTrue();
		assertThat(this.tokenRequests.matches(request("POST", "/oauth2/token", "basic ZGVtbzp4"))).isTrue();
		assertThat(this.tokenRequests.matches(request("POST", "/oauth2/token", "Bearer abc"))).isFalse();
		assertThat(this.tokenRequests.matches(request("POST", "/oauth2/token", "DPoP abc"))).isFalse();
		assertThat(this.tokenRequests.matches(request("GET", "/oauth2/token", null))).isFalse();
		assertThat(this.tokenRequests.matches(request("POST", "/oauth2/revoke", null))).isFalse();
		assertThat(this.tokenRequests.matches(request("POST", "/oauth2/token/x", null))).isFalse();
	}

	@Test
	void refreshWhenShortChainThenSameSecurityHeadersAsTheFullChain() {
		Tokens tokens = this.http.signIn(TestClient.WEB);

		HttpResult refreshed = this.http.refresh(TestClient.WEB, tokens.refreshToken());
		HttpResult revoked = this.http.revoke(TestClient.WEB, Tokens.of(refreshed).refreshToken());

		assertThat(refreshed.status()).isEqualTo(200);
		assertThat(revoked.status()).isEqualTo(200);
		assertThat(securityHeaders(refreshed)).isEqualTo(securityHeaders(revoked))
			.containsEntry("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate")
			.containsEntry("X-Content-Type-Options", "nosniff");
	}

	@Test
	void tokenRequestWhenWrongSecretThenInvalidClientAsInTheFullChain() {
		HttpResult token = this.http.post("/oauth2/token",
				new TestClient("demo-service", "wrong").authenticate(Form.of("grant_type", "client_credentials")));
		HttpResult revoke = this.http.post("/oauth2/revoke",
				new TestClient("demo-service", "wrong").authenticate(Form.of("token", "x")));

		assertThat(token.status()).isEqualTo(401).isEqualTo(revoke.status());
		assertThat(token.string("error")).isEqualTo("invalid_client").isEqualTo(revoke.string("error"));
		assertThat(securityHeaders(token)).isEqualTo(securityHeaders(revoke));
	}

	@Test
	void tokenRequestWhenNoClientAuthenticationThenInvalidClient() {
		HttpResult response = this.http.post("/oauth2/token", Form.of("grant_type", "client_credentials"));

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.string("error")).isEqualTo("invalid_client");
	}

	@Test
	void tokenRequestWhenBearerAuthorizationThenFullChainIssuesNothing() {
		String accessToken = this.http.accessToken(TestClient.SERVICE, "notes.read");

		HttpResult response = this.http.post("/oauth2/token",
				Form.of("grant_type", "client_credentials").header("Authorization", "Bearer " + accessToken));

		assertThat(response.status()).as("%s", response).isEqualTo(400);
		assertThat(response.json()).doesNotContainKey("access_token");
	}

	private static MockHttpServletRequest request(String method, String path, String authorization) {
		MockHttpServletRequest request = new MockHttpServletRequest(method, path);
		request.setServletPath(path);
		if (authorization != null) {
			request.addHeader("Authorization", authorization);
		}
		return request;
	}

	private static Map<String, String> securityHeaders(HttpResult response) {
		Map<String, String> headers = new TreeMap<>();
		for (String name : SECURITY_HEADERS) {
			response.response().headers().firstValue(name).ifPresent((value) -> headers.put(name, value));
		}
		return headers;
	}

}
