package dev.baton.auth.testsupport;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One browser (its own cookies) and one app talking to Baton over real HTTP. It signs
 * {@code alice} in through the real authorization-code flow with PKCE, never following
 * the redirect to the client's callback, and calls the token, introspection and
 * revocation endpoints.
 */
public final class BatonHttpClient {

	public static final String USERNAME = "alice";

	public static final String PASSWORD = "alice-demo-password";

	public static final String REDIRECT_URI = "http://127.0.0.1:8765/callback";

	public static final String USER_SCOPES = "openid profile offline_access notes.read notes.write";

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	private static final SecureRandom RANDOM = new SecureRandom();

	private final String baseUrl;

	private final HttpClient client;

	private final String username;

	private final String password;

	public BatonHttpClient(String baseUrl) {
		this(baseUrl, USERNAME, PASSWORD);
	}

	/** A browser that signs in as another user than alice. */
	public BatonHttpClient(String baseUrl, String username, String password) {
		this.baseUrl = baseUrl;
		this.username = username;
		this.password = password;
		this.client = HttpClient.newBuilder()
			.cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(10))
			.build();
	}

	public String baseUrl() {
		return this.baseUrl;
	}

	public HttpResult get(String pathOrUrl, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathOrUrl)).GET();
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return send(request.build());
	}

	public HttpResult post(String path, Form form) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form.encoded()));
		form.headers().forEach((header) -> request.setHeader(header.getKey(), header.getValue()));
		return send(request.build());
	}

	/** A JSON request with an optional bearer token ({@code null} for none). */
	public HttpResult json(String method, String path, String bearer, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		if (bearer != null) {
			request.header("Authorization", "Bearer " + bearer);
		}
		return send(request.build());
	}

	/** A client-credentials access token, failing the test unless one comes back. */
	public String accessToken(TestClient client, String scope) {
		HttpResult response = clientCredentials(client, scope);
		assertThat(response.status()).as("client credentials %s", response).isEqualTo(200);
		return response.string("access_token");
	}

	public HttpResult send(HttpRequest request) {
		try {
			return HttpResult.of(this.client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
		}
		catch (IOException ex) {
			throw new IllegalStateException("HTTP request failed: " + request, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public URI uri(String pathOrUrl) {
		return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : this.baseUrl + pathOrUrl);
	}

	/**
	 * Signs the user in (once per browser; alice unless told) and returns the
	 * authorization code for the client.
	 */
	public AuthorizationCode authorize(TestClient client, String scope, String... extraParameters) {
		Pkce pkce = Pkce.generate();
		String state = randomValue();
		StringBuilder query = new StringBuilder("/oauth2/authorize?response_type=code&client_id=")
			.append(Form.encode(client.clientId()))
			.append("&redirect_uri=")
			.append(Form.encode(REDIRECT_URI))
			.append("&scope=")
			.append(Form.encode(scope))
			.append("&state=")
			.append(state)
			.append('&')
			.append(pkce.requestParameters());
		for (int i = 0; i < extraParameters.length; i += 2) {
			query.append('&')
				.append(Form.encode(extraParameters[i]))
				.append('=')
				.append(Form.encode(extraParameters[i + 1]));
		}
		HttpResult response = get(query.toString());
		if (response.status() == 302 && response.location().getPath().equals("/login")) {
			response = signIn(response.location());
		}
		assertThat(response.status()).as("authorization response %s", response).isEqualTo(302);
		URI callback = response.location();
		assertThat(callback.toString()).startsWith(REDIRECT_URI + "?");
		Map<String, String> parameters = queryParameters(callback);
		assertThat(parameters).as("callback %s", callback).containsEntry("state", state).containsKey("code");
		return new AuthorizationCode(parameters.get("code"), pkce.verifier(), client);
	}

	private HttpResult signIn(URI loginPage) {
		HttpResult page = get(loginPage.toString());
		assertThat(page.status()).isEqualTo(200);
		Matcher csrf = CSRF.matcher(page.body());
		assertThat(csrf.find()).as("login page has a CSRF token: %s", page.body()).isTrue();
		HttpResult login = post("/login",
				Form.of("username", this.username, "password", this.password, "_csrf", csrf.group(1)));
		assertThat(login.status()).as("login %s", login).isEqualTo(302);
		assertThat(login.location().getPath()).as("after login").isEqualTo("/oauth2/authorize");
		return get(login.location().toString());
	}

	/** Redeems a code at the token endpoint. */
	public HttpResult exchange(AuthorizationCode code) {
		return post("/oauth2/token",
				code.client()
					.authenticate(Form.of("grant_type", "authorization_code", "code", code.code(), "redirect_uri",
							REDIRECT_URI, "code_verifier", code.verifier())));
	}

	/**
	 * The whole flow: sign in, authorize, redeem; fails the test unless tokens come back.
	 */
	public Tokens signIn(TestClient client, String scope, String... extraParameters) {
		AuthorizationCode code = authorize(client, scope, extraParameters);
		HttpResult response = exchange(code);
		assertThat(response.status()).as("token response %s", response).isEqualTo(200);
		return Tokens.of(response, code.code());
	}

	public Tokens signIn(TestClient client) {
		return signIn(client, USER_SCOPES);
	}

	public HttpResult refresh(TestClient client, String refreshToken, String... extraParameters) {
		Form form = Form.of("grant_type", "refresh_token", "refresh_token", refreshToken);
		for (int i = 0; i < extraParameters.length; i += 2) {
			form.add(extraParameters[i], extraParameters[i + 1]);
		}
		return post("/oauth2/token", client.authenticate(form));
	}

	public HttpResult clientCredentials(TestClient client, String scope) {
		return post("/oauth2/token", client.authenticate(Form.of("grant_type", "client_credentials", "scope", scope)));
	}

	public HttpResult revoke(TestClient client, String token) {
		return post("/oauth2/revoke", client.authenticate(Form.of("token", token)));
	}

	public HttpResult introspect(TestClient client, String token) {
		return post("/oauth2/introspect", client.authenticate(Form.of("token", token)));
	}

	/**
	 * Whether introspection by the test resource server (allowed to see every test token)
	 * calls it active.
	 */
	public boolean isActive(String token) {
		HttpResult response = introspect(TestClient.RESOURCE_SERVER, token);
		assertThat(response.status()).as("introspection %s", response).isEqualTo(200);
		return Boolean.TRUE.equals(response.json().get("active"));
	}

	public static Map<String, String> queryParameters(URI uri) {
		Map<String, String> parameters = new LinkedHashMap<>();
		if (uri.getRawQuery() == null) {
			return parameters;
		}
		for (String pair : uri.getRawQuery().split("&")) {
			int equals = pair.indexOf('=');
			String name = (equals < 0) ? pair : pair.substring(0, equals);
			String value = (equals < 0) ? "" : pair.substring(equals + 1);
			parameters.put(java.net.URLDecoder.decode(name, StandardCharsets.UTF_8),
					java.net.URLDecoder.decode(value, StandardCharsets.UTF_8));
		}
		return parameters;
	}

	static String randomValue() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** An authorization code with the PKCE verifier that redeems it. */
	public record AuthorizationCode(String code, String verifier, TestClient client) {
	}

}
