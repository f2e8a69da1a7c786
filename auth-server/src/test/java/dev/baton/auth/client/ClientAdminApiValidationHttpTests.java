package dev.baton.auth.client;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.baton.auth.testsupport.BatonServerTests;
import dev.baton.auth.testsupport.HttpResult;
import dev.baton.auth.testsupport.TestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every validation rule of {@link ClientMetadataValidator} and every kind of bad input,
 * over HTTP: a 400 (or 413, 415) Problem Details answer naming each faulty field, and
 * nothing written.
 */
class ClientAdminApiValidationHttpTests extends BatonServerTests {

	private String admin;

	@BeforeEach
	void adminToken() {
		this.admin = this.http.accessToken(TestClient.ADMIN, "baton.admin");
	}

	static Stream<Arguments> invalidMetadata() {
		return Stream.of(rule("client_id with a space", "\"client_id\": \"my app\"", "client_id"),
				rule("client_id over 100 characters", "\"client_id\": \"" + "a".repeat(101) + "\"", "client_id"),
				rule("client_name blank", "\"client_name\": \" \"", "client_name"),
				rule("client_name over 200 characters", "\"client_name\": \"" + "n".repeat(201) + "\"", "client_name"),
				rule("redirect URI relative", "\"redirect_uris\": [\"/callback\"]", "redirect_uris"),
				rule("redirect URI with fragment", "\"redirect_uris\": [\"https://app.example.com/cb#x\"]",
						"redirect_uris"),
				rule("redirect URI http on a public host", "\"redirect_uris\": [\"http://app.example.com/cb\"]",
						"redirect_uris"),
				rule("redirect URI not a URI", "\"redirect_uris\": [\"https://exa mple.com/\"]", "redirect_uris"),
				rule("redirect URIs missing for authorization_code", "\"redirect_uris\": []", "redirect_uris"),
				rule("post-logout redirect URI http on a public host",
						"\"post_logout_redirect_uris\": [\"http://app.example.com/\"]", "post_logout_redirect_uris"),
				rule("CORS origin with a path", "\"allowed_cors_origins\": [\"https://spa.example/\"]",
						"allowed_cors_origins"),
				rule("CORS origin wildcard", "\"allowed_cors_origins\": [\"*\"]", "allowed_cors_origins"),
				rule("CORS origin wildcard subdomain", "\"allowed_cors_origins\": [\"https://*.spa.example\"]",
						"allowed_cors_origins"),
				rule("CORS origin http on a public host", "\"allowed_cors_origins\": [\"http://spa.example\"]",
						"allowed_cors_origins"),
				rule("CORS origin with a query", "\"allowed_cors_origins\": [\"https://spa.example?x=1\"]",
						"allowed_cors_origins"),
				rule("CORS origin upper case", "\"allowed_cors_origins\": [\"https://SPA.example\"]",
						"allowed_cors_origins"),
				rule("CORS origin null", "\"allowed_cors_origins\": [\"null\"]", "allowed_cors_origins"),
				rule("CORS origins as a string", "\"allowed_cors_origins\": \"https://spa.example\"",
						"allowed_cors_origins"),
				rule("grant type unsupported", "\"grant_types\": [\"password\"]", "grant_types"),
				rule("grant types empty", "\"grant_types\": []", "grant_types"),
				rule("refresh_token without authorization_code",
						"\"grant_types\": [\"refresh_token\", \"client_credentials\"], \"redirect_uris\": []",
						"grant_types"),
				rule("auth method unsupported", "\"token_endpoint_auth_method\": \"private_key_jwt\"",
						"token_endpoint_auth_method"),
				rule("public client with client_credentials",
						"\"token_endpoint_auth_method\": \"none\", \"grant_types\": [\"client_credentials\"], "
								+ "\"redirect_uris\": [], \"scope\": \"notes.read\"",
						"token_endpoint_auth_method"),
				rule("public client without PKCE", "\"token_endpoint_auth_method\": \"none\", \"pkce_required\": false",
						"pkce_required"),
				rule("additional auth method for a public client",
						"\"token_endpoint_auth_method\": \"none\", "
								+ "\"additional_token_endpoint_auth_methods\": [\"client_secret_post\"]",
						"additional_token_endpoint_auth_methods"),
				rule("additional auth method unsupported", "\"additional_token_endpoint_auth_methods\": [\"none\"]",
						"additional_token_endpoint_auth_methods"),
				rule("client_secret given", "\"client_secret\": \"my-own-secret\"", "client_secret"),
				rule("scope unknown", "\"scope\": \"openid payroll.admin\"", "scope"),
				rule("scope malformed", "\"scope\": \"openid not\\\"ok\"", "scope"),
				rule("admin scope for a user-facing client", "\"scope\": \"openid baton.admin\"", "scope"),
				rule("user scope for a service",
						"\"grant_types\": [\"client_credentials\"], \"redirect_uris\": [], \"scope\": \"openid\"",
						"scope"),
				rule("offline_access without refresh_token", "\"grant_types\": [\"authorization_code\"]", "scope"),
				rule("response_types other than code", "\"response_types\": [\"token\"]", "response_types"),
				rule("audience relative", "\"audiences\": [\"notes-api\"]", "audiences"),
				rule("admin client audience not Baton",
						"\"grant_types\": [\"client_credentials\"], \"redirect_uris\": [], \"scope\": \"baton.admin\", "
								+ "\"audiences\": [\"http://localhost:8080\"]",
						"audiences"),
				rule("resource server audience with fragment", "\"resource_server_audiences\": [\"https://api#x\"]",
						"resource_server_audiences"),
				rule("resource server as a public client",
						"\"token_endpoint_auth_method\": \"none\", "
								+ "\"resource_server_audiences\": [\"http://localhost:8080\"]",
						"resource_server_audiences"),
				rule("back-channel logout URI http on a public host",
						"\"backchannel_logout_uri\": \"http://app.example.com/logout\"", "backchannel_logout_uri"),
				rule("back-channel logout URI with fragment",
						"\"backchannel_logout_uri\": \"https://app.example.com/logout#f\"", "backchannel_logout_uri"),
				rule("back-channel session required without URI", "\"backchannel_logout_session_required\": true",
						"backchannel_logout_session_required"),
				rule("access token lifetime zero", "\"access_token_lifetime\": \"PT0S\"", "access_token_lifetime"),
				rule("access token lifetime negative", "\"access_token_lifetime\": \"-PT5M\"", "access_token_lifetime"),
				rule("access token lifetime over a day", "\"access_token_lifetime\": \"PT25H\"",
						"access_token_lifetime"),
				rule("ID token lifetime zero", "\"id_token_lifetime\": \"PT0S\"", "id_token_lifetime"),
				rule("refresh idle lifetime negative", "\"refresh_token_idle_lifetime\": \"-P1D\"",
						"refresh_token_idle_lifetime"),
				rule("refresh absolute lifetime over a year", "\"refresh_token_absolute_lifetime\": \"P400D\"",
						"refresh_token_absolute_lifetime"),
				rule("refresh idle longer than absolute",
						"\"refresh_token_idle_lifetime\": \"P30D\", \"refresh_token_absolute_lifetime\": \"P7D\"",
						"refresh_token_idle_lifetime"),
				rule("grace window over five minutes", "\"refresh_token_grace_window\": \"PT6M\"",
						"refresh_token_grace_window"),
				rule("grace window negative", "\"refresh_token_grace_window\": \"-PT1S\"",
						"refresh_token_grace_window"),
				rule("duration not ISO-8601", "\"access_token_lifetime\": \"5 minutes\"", "access_token_lifetime"),
				rule("duration as a number", "\"access_token_lifetime\": 300", "access_token_lifetime"),
				rule("list as a string", "\"redirect_uris\": \"http://127.0.0.1:8765/callback\"", "redirect_uris"),
				rule("list of numbers", "\"audiences\": [1, 2]", "audiences"),
				rule("boolean as a string", "\"first_party\": \"yes\"", "first_party"),
				rule("string as an object", "\"client_name\": {\"en\": \"App\"}", "client_name"),
				rule("unknown field", "\"logo_url\": \"https://example.com/logo.png\"", "logo_url"));
	}

	private static Arguments rule(String name, String members, String field) {
		return Arguments.of(name, members, field);
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@MethodSource("invalidMetadata")
	void createWhenRuleBrokenThen400NamingTheFieldAndNothingWritten(String name, String members, String field) {
		Counts before = counts();

		HttpResult result = create(validWebApp(members));

		assertThat(result.status()).as("%s", result).isEqualTo(400);
		assertThat(result.header("Content-Type")).startsWith("application/problem+json");
		assertThat(result.json()).containsEntry("type", "urn:baton:problem:invalid-client-metadata");
		assertThat(ClientAdminApiHttpTests.errors(result)).as("%s", result).containsKey(field);
		assertThat(result.body()).doesNotContain("Exception").doesNotContain("trace");
		assertThat(counts()).isEqualTo(before);
	}

	@Test
	void createWhenManyFieldsWrongThenOneAnswerWithAnEntryPerField() {
		HttpResult result = create("""
				{"client_id": "bad id", "redirect_uris": ["http://evil.example.com/cb#frag"],
				 "grant_types": ["password"], "token_endpoint_auth_method": "none", "pkce_required": false,
				 "scope": "openid nope", "access_token_lifetime": "-PT1M", "first_party": "yes", "surprise": 1}""");

		assertThat(result.status()).isEqualTo(400);
		assertThat(ClientAdminApiHttpTests.errors(result)).containsKeys("client_id", "redirect_uris", "grant_types",
				"pkce_required", "scope", "access_token_lifetime", "first_party", "surprise");
		assertThat(result.string("detail"))
			.isEqualTo(ClientAdminApiHttpTests.errors(result).size() + " fields are not valid");
	}

	@Test
	void createWhenLoopbackHttpOrHttpsRedirectsThenAccepted() {
		String clientId = ClientAdminApiHttpTests.newClientId("uris");

		HttpResult result = create(validWebApp("\"client_id\": \"" + clientId + "\", \"redirect_uris\": "
				+ "[\"http://127.0.0.1:8765/callback\", \"http://localhost:3000/cb\", \"http://[::1]/cb\", "
				+ "\"https://app.example.com/cb?x=1\"], \"backchannel_logout_uri\": \"https://app.example.com/bcl\", "
				+ "\"backchannel_logout_session_required\": true, \"allowed_cors_origins\": "
				+ "[\"https://spa.example\", \"https://spa.example:8443\", \"http://localhost:3000\", "
				+ "\"http://127.0.0.1:5173\", \"http://[::1]:8080\"]"));

		assertThat(result.status()).as("%s", result).isEqualTo(201);
		assertThat(result.json()).containsEntry("backchannel_logout_uri", "https://app.example.com/bcl")
			.containsEntry("backchannel_logout_session_required", true)
			.containsEntry("allowed_cors_origins", List.of("https://spa.example", "https://spa.example:8443",
					"http://localhost:3000", "http://127.0.0.1:5173", "http://[::1]:8080"));
		assertThat(this.jdbc.queryForObject("SELECT allowed_cors_origins FROM client WHERE client_id = ?", String.class,
				clientId))
			.isEqualTo("https://spa.example https://spa.example:8443 http://localhost:3000 http://127.0.0.1:5173 "
					+ "http://[::1]:8080");
	}

	static Stream<Arguments> badBodies() {
		return Stream.of(Arguments.of("malformed JSON", "application/json", "{\"client_id\": ", 400),
				Arguments.of("a JSON array", "application/json", "[{\"client_id\": \"x\"}]", 400),
				Arguments.of("a JSON string", "application/json", "\"client\"", 400),
				Arguments.of("a duplicated member", "application/json",
						"{\"client_id\": \"dup-a\", \"client_id\": \"dup-b\", \"grant_types\": [\"client_credentials\"]}",
						400),
				Arguments.of("trailing garbage", "application/json", "{\"grant_types\": [\"client_credentials\"]} {}",
						400),
				Arguments.of("an empty body", "application/json", "", 400),
				Arguments.of("null", "application/json", "null", 400),
				Arguments.of("a 100 KB body", "application/json", "{\"client_name\": \"" + "x".repeat(100_000) + "\"}",
						413),
				Arguments.of("a form body", "application/x-www-form-urlencoded", "client_id=x", 415),
				Arguments.of("XML", "application/xml", "<client/>", 415),
				Arguments.of("a malformed content type", "json;;;==", "{}", 415), Arguments.of("invalid UTF-8",
						"application/json; charset=UTF-8", "{\"client_name\": \"\u00ff\u00fe\"}", 400));
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@MethodSource("badBodies")
	void createWhenBodyUnusableThen4xxProblemAndNothingWritten(String name, String contentType, String body,
			int status) {
		Counts before = counts();
		byte[] bytes = name.equals("invalid UTF-8")
				? new byte[] { '{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}' }
				: body.getBytes(java.nio.charset.StandardCharsets.UTF_8);

		HttpResult result = this.http.send(HttpRequest.newBuilder(this.http.uri(ClientAdminApiHttpTests.CLIENTS))
			.header("Authorization", "Bearer " + this.admin)
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
			.build());

		assertThat(result.status()).as("%s", result).isEqualTo(status);
		assertThat(result.json()).containsEntry("status", status);
		assertThat(result.body()).doesNotContain("Exception").doesNotContain("tools.jackson");
		assertThat(counts()).isEqualTo(before);
	}

	@Test
	void rotateSecretWhenBodyNotJsonThen4xxAndSecretUnchanged() {
		String secretHash = this.jdbc
			.queryForObject("SELECT client_secret_hash FROM client WHERE client_id = 'demo-service'", String.class);

		for (String contentType : new String[] { "text/plain", "json;;;==" }) {
			HttpResult result = this.http
				.send(HttpRequest.newBuilder(this.http.uri(ClientAdminApiHttpTests.CLIENTS + "/demo-service/secret"))
					.header("Authorization", "Bearer " + this.admin)
					.header("Content-Type", contentType)
					.POST(HttpRequest.BodyPublishers.ofString("previous_secret_valid_for=PT1H"))
					.build());
			assertThat(result.status()).as("%s: %s", contentType, result).isEqualTo(415);
		}
		HttpResult malformed = this.http.json("POST", ClientAdminApiHttpTests.CLIENTS + "/demo-service/secret",
				this.admin, "{\"previous_secret_valid_for\": ");
		assertThat(malformed.status()).isEqualTo(400);
		assertThat(this.jdbc.queryForObject("SELECT client_secret_hash FROM client WHERE client_id = 'demo-service'",
				String.class))
			.isEqualTo(secretHash);
	}

	@Test
	void replaceWhenBodyUnusableThen4xxAndClientUnchanged() {
		HttpResult before = this.http.json("GET", ClientAdminApiHttpTests.CLIENTS + "/demo-web", this.admin, null);

		HttpResult malformed = this.http.json("PUT", ClientAdminApiHttpTests.CLIENTS + "/demo-web", this.admin, "{");
		HttpResult invalid = this.http.json("PUT", ClientAdminApiHttpTests.CLIENTS + "/demo-web", this.admin,
				"{\"redirect_uris\": [\"http://evil.example.com/\"]}");

		assertThat(malformed.status()).isEqualTo(400);
		assertThat(invalid.status()).isEqualTo(400);
		assertThat(this.http.json("GET", ClientAdminApiHttpTests.CLIENTS + "/demo-web", this.admin, null).body())
			.isEqualTo(before.body());
	}

	/** A valid web app with some members replaced or added. */
	private static String validWebApp(String members) {
		return "{\"client_name\": \"Validation test\", \"grant_types\": [\"authorization_code\", \"refresh_token\"], "
				+ "\"redirect_uris\": [\"http://127.0.0.1:8765/callback\"], "
				+ "\"scope\": \"openid offline_access notes.read\", " + members + "}";
	}

	/**
	 * Lenient about repeated members in the test's own bodies: the last one wins, as in
	 * the server's reader.
	 */
	private HttpResult create(String body) {
		return this.http.json("POST", ClientAdminApiHttpTests.CLIENTS, this.admin, dedupe(body));
	}

	private static String dedupe(String body) {
		Map<String, Object> members = new java.util.LinkedHashMap<>();
		try {
			tools.jackson.databind.json.JsonMapper mapper = tools.jackson.databind.json.JsonMapper.builder().build();
			@SuppressWarnings("unchecked")
			Map<String, Object> parsed = mapper.readValue(body, Map.class);
			members.putAll(parsed);
			return mapper.writeValueAsString(members);
		}
		catch (RuntimeException ex) {
			return body;
		}
	}

	private Counts counts() {
		return new Counts(this.jdbc.queryForObject("SELECT COUNT(*) FROM client", Integer.class),
				this.jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE type LIKE 'CLIENT_%'", Integer.class));
	}

	record Counts(int clients, int clientEvents) {
	}

}
