package dev.baton.auth.cors;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.UUID;

import dev.baton.auth.testsupport.BatonHttpClient;
import dev.baton.auth.testsupport.BatonServerTests;
import dev.baton.auth.testsupport.Form;
import dev.baton.auth.testsupport.HttpResult;
import dev.baton.auth.testsupport.TestClient;
import dev.baton.auth.testsupport.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CORS over HTTP on the shared server (H2, and MariaDB in the {@code mariadb} run), with
 * browser clients registered through the admin API: preflights and actual requests at the
 * token, revocation, userinfo, JWKS and discovery endpoints; no CORS header for an
 * unregistered origin, for another client's origin at the token and revocation endpoints,
 * and anywhere else (introspection, authorization, Baton's APIs) whatever the origin.
 */
class BrowserClientCorsHttpTests extends BatonServerTests {

	private static final String CLIENTS = "/api/admin/clients";

	private final String suffix = UUID.randomUUID().toString().substring(0, 8);

	/** The origin of the SPA client. */
	private final String spaOrigin = "https://spa-" + this.suffix + ".example";

	/** The origin of another browser client. */
	private final String otherOrigin = "http://localhost:" + (40000 + Math.abs(this.suffix.hashCode() % 20000));

	private final String unknownOrigin = "https://unknown-" + this.suffix + ".example";

	private TestClient spa;

	private TestClient otherSpa;

	private String admin;

	@BeforeEach
	void browserClients() {
		this.admin = this.http.accessToken(TestClient.ADMIN, "baton.admin");
		this.spa = registerSpa("spa-" + this.suffix, this.spaOrigin);
		this.otherSpa = registerSpa("other-spa-" + this.suffix, this.otherOrigin);
	}

	@Test
	void tokenPreflightWhenOriginRegisteredThen200AllowingPostAndItsHeaders() {
		HttpResult preflight = preflight("/oauth2/token", this.spaOrigin, "POST", "content-type");
		HttpResult revocation = preflight("/oauth2/revoke", this.otherOrigin, "POST", "authorization, content-type");

		assertThat(preflight.status()).isEqualTo(200);
		assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(this.spaOrigin);
		assertThat(preflight.header("Access-Control-Allow-Methods")).isEqualTo("POST");
		assertThat(preflight.header("Access-Control-Allow-Headers")).isEqualToIgnoringCase("content-type");
		assertThat(preflight.header("Access-Control-Max-Age")).isEqualTo("3600");
		assertThat(preflight.header("Access-Control-Allow-Credentials")).isNull();
		assertThat(vary(preflight)).contains("Origin");
		assertThat(preflight.body()).isEmpty();
		assertThat(revocation.status()).isEqualTo(200);
		assertThat(revocation.header("Access-Control-Allow-Origin")).isEqualTo(this.otherOrigin);
		assertThat(revocation.header("Access-Control-Allow-Headers"))
			.isEqualToIgnoringCase("authorization, content-type");
	}

	@Test
	void tokenPreflightWhenOriginUnregisteredOrAskingTooMuchThen200WithoutCorsHeaders() {
		HttpResult unknown = preflight("/oauth2/token", this.unknownOrigin, "POST", "content-type");
		HttpResult otherMethod = preflight("/oauth2/token", this.spaOrigin, "DELETE", null);
		HttpResult otherHeader = preflight("/oauth2/token", this.spaOrigin, "POST", "x-custom");
		HttpResult nullOrigin = preflight("/oauth2/token", "null", "POST", null);

		for (HttpResult answer : List.of(unknown, otherMethod, otherHeader, nullOrigin)) {
			assertThat(answer.status()).as("%s", answer.response()).isEqualTo(200);
			assertNoCorsHeaders(answer);
			assertThat(vary(answer)).contains("Origin");
		}
	}

	@Test
	void tokenWhenPublicClientFromItsOriginThenEveryResponseReadable() {
		BatonHttpClient.AuthorizationCode code = this.http.authorize(this.spa, "openid offline_access");

		HttpResult exchanged = this.http.post("/oauth2/token",
				this.spa
					.authenticate(Form.of("grant_type", "authorization_code", "code", code.code(), "redirect_uri",
							BatonHttpClient.REDIRECT_URI, "code_verifier", code.verifier()))
					.header("Origin", this.spaOrigin));
		Tokens tokens = Tokens.of(exchanged);
		HttpResult refreshed = tokenRequest(this.spa, this.spaOrigin, "refresh_token", tokens.refreshToken());
		HttpResult failed = tokenRequest(this.spa, this.spaOrigin, "refresh_token", "not-a-token");
		HttpResult revoked = revocation(this.spa, this.spaOrigin, Tokens.of(refreshed).refreshToken());

		assertThat(exchanged.status()).as("%s", exchanged).isEqualTo(200);
		assertReadableBy(exchanged, this.spaOrigin);
		assertThat(exchanged.header("Cache-Control")).contains("no-store");
		assertThat(refreshed.status()).as("%s", refreshed).isEqualTo(200);
		assertReadableBy(refreshed, this.spaOrigin);
		assertThat(failed.status()).isEqualTo(400);
		assertThat(failed.string("error")).isEqualTo("invalid_grant");
		assertReadableBy(failed, this.spaOrigin);
		assertThat(revoked.status()).isEqualTo(200);
		assertReadableBy(revoked, this.spaOrigin);
	}

	@Test
	void tokenWhenPublicClientFromAnotherClientsOriginThenNoCorsHeaders() {
		Tokens tokens = this.http.signIn(this.spa, "openid offline_access");

		HttpResult refreshed = tokenRequest(this.spa, this.otherOrigin, "refresh_token", tokens.refreshToken());
		HttpResult failed = tokenRequest(this.otherSpa, this.spaOrigin, "refresh_token", "not-a-token");
		HttpResult revoked = revocation(this.spa, this.otherOrigin, Tokens.of(refreshed).refreshToken());
		HttpResult unknown = tokenRequest(this.spa, this.unknownOrigin, "refresh_token", "not-a-token");

		assertThat(refreshed.status()).as("%s", refreshed).isEqualTo(200);
		assertNoCorsHeaders(refreshed);
		assertThat(vary(refreshed)).contains("Origin");
		assertThat(failed.status()).isEqualTo(400);
		assertNoCorsHeaders(failed);
		assertThat(revoked.status()).isEqualTo(200);
		assertNoCorsHeaders(revoked);
		assertNoCorsHeaders(unknown);
	}

	@Test
	void tokenWhenConfidentialClientWithBasicFromItsOriginThenReadable() {
		String clientId = "cors-service-" + this.suffix;
		HttpResult created = this.http.json("POST", CLIENTS, this.admin, """
				{"client_id": "%s", "grant_types": ["client_credentials"], "scope": "notes.read",
				 "allowed_cors_origins": ["%s"]}""".formatted(clientId, this.spaOrigin));
		TestClient service = new TestClient(clientId, created.string("client_secret"));

		HttpResult own = this.http.post("/oauth2/token",
				service.authenticate(Form.of("grant_type", "client_credentials", "scope", "notes.read"))
					.header("Origin", this.spaOrigin));
		HttpResult demoWeb = this.http.post("/oauth2/token",
				TestClient.WEB.authenticate(Form.of("grant_type", "refresh_token", "refresh_token", "not-a-token"))
					.header("Origin", this.spaOrigin));
		HttpResult wrongSecret = this.http.post("/oauth2/token",
				new TestClient(clientId, "wrong").authenticate(Form.of("grant_type", "client_credentials"))
					.header("Origin", this.spaOrigin));

		assertThat(created.status()).as("%s", created).isEqualTo(201);
		assertThat(own.status()).as("%s", own).isEqualTo(200);
		assertReadableBy(own, this.spaOrigin);
		assertThat(demoWeb.status()).isEqualTo(400);
		assertNoCorsHeaders(demoWeb);
		assertThat(wrongSecret.status()).isEqualTo(401);
		assertReadableBy(wrongSecret, this.spaOrigin);
	}

	@Test
	void userinfoWhenOriginRegisteredThenReadableAndItsErrorsToo() {
		Tokens tokens = this.http.signIn(this.spa, "openid profile");

		HttpResult preflight = preflight("/userinfo", this.otherOrigin, "GET", "authorization");
		HttpResult allowed = userinfo(tokens.accessToken(), this.otherOrigin);
		HttpResult unknown = userinfo(tokens.accessToken(), this.unknownOrigin);
		HttpResult badToken = userinfo("not-a-token", this.spaOrigin);

		assertThat(preflight.status()).isEqualTo(200);
		assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(this.otherOrigin);
		assertThat(preflight.header("Access-Control-Allow-Methods")).isEqualTo("GET,POST");
		assertThat(preflight.header("Access-Control-Allow-Headers")).isEqualToIgnoringCase("authorization");
		assertThat(allowed.status()).as("%s", allowed).isEqualTo(200);
		assertThat(allowed.string("sub")).isEqualTo(aliceSubject());
		assertReadableBy(allowed, this.otherOrigin);
		assertThat(unknown.status()).isEqualTo(200);
		assertNoCorsHeaders(unknown);
		assertThat(badToken.status()).isEqualTo(401);
		assertReadableBy(badToken, this.spaOrigin);
		assertThat(badToken.header("WWW-Authenticate")).startsWith("Bearer");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/oauth2/jwks", "/.well-known/openid-configuration",
			"/.well-known/oauth-authorization-server" })
	void publicDocumentsWhenOriginRegisteredThenReadableOtherwiseNot(String path) {
		HttpResult allowed = this.http.get(path, "Origin", this.spaOrigin);
		HttpResult unknown = this.http.get(path, "Origin", this.unknownOrigin);
		HttpResult sameOrigin = this.http.get(path, "Origin", "http://127.0.0.1:" + this.port);
		HttpResult noOrigin = this.http.get(path);
		HttpResult preflight = preflight(path, this.otherOrigin, "GET", null);

		assertThat(allowed.status()).isEqualTo(200);
		assertReadableBy(allowed, this.spaOrigin);
		assertThat(allowed.body()).isEqualTo(noOrigin.body());
		for (HttpResult answer : List.of(unknown, sameOrigin, noOrigin)) {
			assertThat(answer.status()).isEqualTo(200);
			assertNoCorsHeaders(answer);
			assertThat(vary(answer)).as("a cache must not hand one origin's answer to another").contains("Origin");
		}
		assertThat(preflight.status()).isEqualTo(200);
		assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(this.otherOrigin);
		assertThat(preflight.header("Access-Control-Allow-Methods")).isEqualTo("GET");
	}

	@Test
	void otherEndpointsWhenOriginRegisteredThenNoCorsHeaders() {
		Tokens tokens = this.http.signIn(this.spa, "openid offline_access");
		String accountToken = new BatonHttpClient(this.http.baseUrl()).signIn(this.spa, "openid baton.account")
			.accessToken();

		HttpResult introspection = this.http.post("/oauth2/introspect",
				TestClient.RESOURCE_SERVER.authenticate(Form.of("token", tokens.accessToken()))
					.header("Origin", this.spaOrigin));
		HttpResult authorization = this.http.get("/oauth2/authorize?response_type=code&client_id=" + this.spa.clientId()
				+ "&redirect_uri=" + Form.encodeValue(BatonHttpClient.REDIRECT_URI) + "&scope=openid", "Origin",
				this.spaOrigin);
		HttpResult sessions = this.http.get("/api/account/sessions", "Authorization", "Bearer " + accountToken,
				"Origin", this.spaOrigin);
		HttpResult clients = this.http.get(CLIENTS, "Authorization", "Bearer " + this.admin, "Origin", this.spaOrigin);
		HttpResult login = this.http.get("/login", "Origin", this.spaOrigin);

		assertThat(introspection.status()).as("%s", introspection).isEqualTo(200);
		assertThat(sessions.status()).as("%s", sessions).isEqualTo(200);
		assertThat(clients.status()).isEqualTo(200);
		for (HttpResult answer : List.of(introspection, authorization, sessions, clients, login)) {
			assertNoCorsHeaders(answer);
		}
		for (String path : List.of("/oauth2/introspect", "/oauth2/authorize", "/api/account/sessions", CLIENTS,
				"/login", "/connect/logout")) {
			HttpResult preflight = preflight(path, this.spaOrigin, "POST", "authorization");
			assertNoCorsHeaders(preflight);
		}
	}

	@Test
	void tokenWhenOriginRemovedFromTheClientThenNextRequestNotReadable() {
		assertReadableBy(tokenRequest(this.spa, this.spaOrigin, "refresh_token", "not-a-token"), this.spaOrigin);
		HttpResult read = this.http.get(CLIENTS + "/" + this.spa.clientId(), "Authorization", "Bearer " + this.admin);
		assertThat(read.json()).containsEntry("allowed_cors_origins", List.of(this.spaOrigin));

		HttpResult replaced = this.http.json("PUT", CLIENTS + "/" + this.spa.clientId(), this.admin, read.body()
			.replace("\"allowed_cors_origins\":[\"" + this.spaOrigin + "\"]", "\"allowed_cors_origins\":[]"));

		assertThat(replaced.status()).as("%s", replaced).isEqualTo(200);
		assertThat(replaced.json()).containsEntry("allowed_cors_origins", List.of());
		assertNoCorsHeaders(tokenRequest(this.spa, this.spaOrigin, "refresh_token", "not-a-token"));
		assertNoCorsHeaders(preflight("/oauth2/token", this.spaOrigin, "POST", null));
		assertNoCorsHeaders(this.http.get("/oauth2/jwks", "Origin", this.spaOrigin));
	}

	private TestClient registerSpa(String clientId, String origin) {
		HttpResult created = this.http.json("POST", CLIENTS, this.admin, """
				{"client_id": "%s", "token_endpoint_auth_method": "none",
				 "grant_types": ["authorization_code", "refresh_token"], "redirect_uris": ["%s"],
				 "scope": "openid profile offline_access baton.account", "first_party": true,
				 "audiences": ["http://localhost:8080", "%s"],
				 "allowed_cors_origins": ["%s"]}""".formatted(clientId, BatonHttpClient.REDIRECT_URI, ISSUER, origin));
		assertThat(created.status()).as("%s", created).isEqualTo(201);
		assertThat(created.json()).containsEntry("allowed_cors_origins", List.of(origin));
		return new TestClient(clientId, null);
	}

	private HttpResult tokenRequest(TestClient client, String origin, String grantType, String refreshToken) {
		return this.http.post("/oauth2/token",
				client.authenticate(Form.of("grant_type", grantType, "refresh_token", refreshToken))
					.header("Origin", origin));
	}

	private HttpResult revocation(TestClient client, String origin, String token) {
		return this.http.post("/oauth2/revoke", client.authenticate(Form.of("token", token)).header("Origin", origin));
	}

	private HttpResult userinfo(String accessToken, String origin) {
		return this.http.get("/userinfo", "Authorization", "Bearer " + accessToken, "Origin", origin);
	}

	private HttpResult preflight(String path, String origin, String method, String headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.http.uri(path))
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.header("Origin", origin)
			.header("Access-Control-Request-Method", method);
		if (headers != null) {
			request.header("Access-Control-Request-Headers", headers);
		}
		return this.http.send(request.build());
	}

	private static void assertReadableBy(HttpResult response, String origin) {
		assertThat(response.header("Access-Control-Allow-Origin")).as("%s", response).isEqualTo(origin);
		assertThat(response.header("Access-Control-Allow-Credentials")).isNull();
		assertThat(response.header("Access-Control-Expose-Headers")).isEqualTo("WWW-Authenticate, Retry-After");
		assertThat(vary(response)).contains("Origin");
	}

	private static void assertNoCorsHeaders(HttpResult response) {
		assertThat(response.response().headers().map().keySet())
			.as("headers of %s %s", response.response().request().method(), response.response().uri())
			.noneMatch((name) -> name.toLowerCase().startsWith("access-control-"));
	}

	private static List<String> vary(HttpResult response) {
		return response.response()
			.headers()
			.allValues("Vary")
			.stream()
			.flatMap((value) -> List.of(value.split(",")).stream())
			.map(String::trim)
			.toList();
	}

}
