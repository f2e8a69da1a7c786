package dev.baton.auth.cors;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.baton.auth.client.AllowedCorsOrigins;
import dev.baton.auth.client.Client;
import dev.baton.auth.client.ClientRepository;
import dev.baton.auth.client.JdbcClientRepository;
import dev.baton.auth.testsupport.InMemoryDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.web.cors.CorsConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CORS decision against real client rows (H2 with the migrations): who may read what,
 * and that a request without a cross-origin {@code Origin} never reaches the database.
 */
class BrowserClientCorsConfigurationSourceTests {

	private static final String SPA = "https://spa.example";

	private static final String OTHER = "https://other.example";

	private static final String UNKNOWN = "https://unknown.example";

	private final InMemoryDatabase db = InMemoryDatabase.migrated();

	private final List<String> queries = new ArrayList<>();

	private BrowserClientCorsConfigurationSource source;

	@BeforeEach
	void clients() {
		ClientRepository jdbc = new JdbcClientRepository(this.db.jdbc());
		jdbc.insert(publicClient("spa", SPA, "http://localhost:3000"));
		jdbc.insert(publicClient("other-spa", OTHER));
		jdbc.insert(Client.withClientId("confidential")
			.clientSecretHash("{sha256}x")
			.authenticationMethods(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.grantTypes(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.allowedCorsOrigins(OTHER)
			.createdAt(Instant.EPOCH.plusSeconds(86400))
			.build());
		this.source = new BrowserClientCorsConfigurationSource(AuthorizationServerSettings.builder().build(),
				new AllowedCorsOrigins(counting(jdbc)), new CorsProperties(Duration.ofMinutes(10)));
	}

	@AfterEach
	void shutdown() {
		this.db.shutdown();
	}

	@Test
	void getCorsConfigurationWhenPublicClientFromItsOriginThenThatOriginOnlyWithPost() {
		CorsConfiguration configuration = this.source.getCorsConfiguration(tokenRequest(SPA, "spa"));

		assertThat(configuration).isNotNull();
		assertThat(configuration.getAllowedOrigins()).containsExactly(SPA);
		assertThat(configuration.getAllowedMethods()).containsExactly("POST");
		assertThat(configuration.getAllowedHeaders()).containsExactly("Authorization", "Content-Type");
		assertThat(configuration.getAllowCredentials()).isFalse();
		assertThat(configuration.getMaxAge()).isEqualTo(600);
		assertThat(this.queries).containsExactly("findAllowedCorsOrigins");
	}

	@Test
	void getCorsConfigurationWhenPublicClientFromAnotherClientsOriginThenNone() {
		assertThat(this.source.getCorsConfiguration(tokenRequest(OTHER, "spa"))).isNull();
		assertThat(this.source.getCorsConfiguration(revocationRequest(SPA, "other-spa"))).isNull();
		assertThat(this.source.getCorsConfiguration(tokenRequest(SPA, "no-such-client"))).isNull();
	}

	@Test
	void getCorsConfigurationWhenRevocationFromTheClientsOriginThenAllowed() {
		assertThat(this.source.getCorsConfiguration(revocationRequest(OTHER, "other-spa"))).isNotNull();
	}

	@Test
	void getCorsConfigurationWhenBasicAuthenticationThenItsClientDecides() {
		MockHttpServletRequest confidential = tokenRequest(OTHER, null);
		confidential.addHeader("Authorization", basic("confidential", "secret"));
		MockHttpServletRequest basicWinsOverBody = tokenRequest(SPA, "spa");
		basicWinsOverBody.addHeader("Authorization", basic("confidential", "secret"));
		MockHttpServletRequest malformed = tokenRequest(OTHER, null);
		malformed.addHeader("Authorization", "Basic not-base64!");

		assertThat(this.source.getCorsConfiguration(confidential)).isNotNull();
		assertThat(this.source.getCorsConfiguration(basicWinsOverBody)).isNull();
		assertThat(this.source.getCorsConfiguration(malformed)).isNull();
	}

	@Test
	void getCorsConfigurationWhenClientIdInQueryOrTwiceThenNone() {
		MockHttpServletRequest query = tokenRequest(SPA, "spa");
		query.setQueryString("client_id=spa");
		MockHttpServletRequest twice = tokenRequest(SPA, "spa");
		twice.addParameter("client_id", "other-spa");

		assertThat(this.source.getCorsConfiguration(query)).isNull();
		assertThat(this.source.getCorsConfiguration(twice)).isNull();
	}

	@Test
	void getCorsConfigurationWhenPreflightThenAnyClientsOriginAllowed() {
		assertThat(this.source.getCorsConfiguration(preflight("/oauth2/token", OTHER))).isNotNull();
		assertThat(this.source.getCorsConfiguration(preflight("/oauth2/revoke", "http://localhost:3000"))).isNotNull();
		assertThat(this.source.getCorsConfiguration(preflight("/oauth2/token", UNKNOWN))).isNull();
		assertThat(this.queries).containsOnly("existsWithAllowedCorsOrigin");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/userinfo", "/oauth2/jwks", "/.well-known/openid-configuration",
			"/.well-known/oauth-authorization-server" })
	void getCorsConfigurationWhenEndpointNamesNoClientThenAnyRegisteredOrigin(String path) {
		CorsConfiguration allowed = this.source.getCorsConfiguration(request("GET", path, SPA));

		assertThat(allowed).isNotNull();
		assertThat(allowed.getAllowedMethods()).contains("GET");
		assertThat(allowed.getExposedHeaders()).containsExactly("WWW-Authenticate", "Retry-After");
		assertThat(this.source.getCorsConfiguration(request("GET", path, UNKNOWN))).isNull();
		assertThat(this.source.getCorsConfiguration(request("DELETE", path, SPA))).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/oauth2/introspect", "/oauth2/authorize", "/api/account/sessions", "/login",
			"/connect/logout", "/oauth2/token/x" })
	void getCorsConfigurationWhenOtherPathThenNoneAndNoLookup(String path) {
		assertThat(this.source.isBrowserEndpoint(request("POST", path, SPA))).isFalse();
		assertThat(this.source.getCorsConfiguration(request("POST", path, SPA))).isNull();
		assertThat(this.source.getCorsConfiguration(preflight(path, SPA))).isNull();
		assertThat(this.queries).isEmpty();
	}

	@Test
	void getCorsConfigurationWhenNoOriginOrSameOriginThenNoLookup() {
		MockHttpServletRequest noOrigin = tokenRequest(null, "spa");
		MockHttpServletRequest sameOrigin = tokenRequest("http://localhost", "spa");

		assertThat(this.source.getCorsConfiguration(noOrigin)).isNull();
		assertThat(this.source.getCorsConfiguration(sameOrigin)).isNull();
		assertThat(this.queries).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "null", "https://%", "https://spa.example/", "https://spa.example https://x.example",
			"https://SPA.example", "*" })
	void getCorsConfigurationWhenOriginNotSerializedThenNoneAndNoLookup(String origin) {
		assertThat(this.source.getCorsConfiguration(request("GET", "/oauth2/jwks", origin))).isNull();
		assertThat(this.source.getCorsConfiguration(preflight("/oauth2/token", origin))).isNull();
		assertThat(this.queries).isEmpty();
	}

	@Test
	void getCorsConfigurationWhenOriginExtendsARegisteredOneThenNone() {
		assertThat(this.source.getCorsConfiguration(request("GET", "/oauth2/jwks", "https://spa.example.evil")))
			.isNull();
		assertThat(this.source.getCorsConfiguration(request("GET", "/oauth2/jwks", "https://spa.example:8443")))
			.isNull();
		assertThat(this.source.getCorsConfiguration(request("GET", "/oauth2/jwks", "https://example"))).isNull();
	}

	private static Client publicClient(String clientId, String... origins) {
		return Client.withClientId(clientId)
			.authenticationMethods(ClientAuthenticationMethod.NONE)
			.grantTypes(AuthorizationGrantType.AUTHORIZATION_CODE, AuthorizationGrantType.REFRESH_TOKEN)
			.redirectUris("https://spa.example/callback")
			.requireProofKey(true)
			.allowedCorsOrigins(origins)
			.createdAt(Instant.EPOCH.plusSeconds(86400))
			.build();
	}

	private static MockHttpServletRequest tokenRequest(String origin, String clientId) {
		MockHttpServletRequest request = request("POST", "/oauth2/token", origin);
		if (clientId != null) {
			request.addParameter("client_id", clientId);
		}
		return request;
	}

	private static MockHttpServletRequest revocationRequest(String origin, String clientId) {
		MockHttpServletRequest request = request("POST", "/oauth2/revoke", origin);
		request.addParameter("client_id", clientId);
		return request;
	}

	private static MockHttpServletRequest preflight(String path, String origin) {
		MockHttpServletRequest request = request("OPTIONS", path, origin);
		request.addHeader("Access-Control-Request-Method", "POST");
		return request;
	}

	/** A request to Baton at http://localhost:80 (MockHttpServletRequest's server). */
	private static MockHttpServletRequest request(String method, String path, String origin) {
		MockHttpServletRequest request = new MockHttpServletRequest(method, path);
		if (origin != null) {
			request.addHeader("Origin", origin);
		}
		return request;
	}

	private static String basic(String user, String password) {
		return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes());
	}

	/** The repository, recording the name of every method called on it. */
	private ClientRepository counting(ClientRepository delegate) {
		return (ClientRepository) Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { ClientRepository.class }, (proxy, method, args) -> {
					this.queries.add(method.getName());
					try {
						return method.invoke(delegate, args);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
	}

}
