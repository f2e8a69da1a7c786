package dev.baton.e2e;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a client app and its user do over HTTP: the authorization-code flow with PKCE
 * through Baton's sign-in form, the token endpoint, and calls to the API. Redirects are
 * followed by hand so each hop is checked.
 */
final class BatonHttp {

	static final String REDIRECT_URI = "http://127.0.0.1:8765/callback";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	private static final SecureRandom RANDOM = new SecureRandom();

	private final BatonApps apps;

	BatonHttp(BatonApps apps) {
		this.apps = apps;
	}

	/** Tokens of a sign-in: access, refresh and ID token. */
	record Tokens(String accessToken, String refreshToken, String idToken, JsonNode response) {
	}

	/**
	 * Signs {@code alice} in at {@code demo-web} (a confidential client) with PKCE S256,
	 * in a fresh browser, and redeems the code.
	 */
	Tokens signInAlice(String scope) {
		HttpClient browser = HttpClient.newBuilder()
			.cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		String verifier = randomBase64Url(32);
		String state = randomBase64Url(16);
		String authorize = this.apps.issuer + "/oauth2/authorize?"
				+ form(Map.of("response_type", "code", "client_id", "demo-web", "redirect_uri", REDIRECT_URI, "scope",
						scope, "state", state, "code_challenge", challenge(verifier), "code_challenge_method", "S256"));

		HttpResponse<String> toLogin = send(browser, HttpRequest.newBuilder(URI.create(authorize)).GET().build());
		assertThat(toLogin.statusCode()).isEqualTo(302);
		URI loginPage = resolve(authorize, location(toLogin));
		assertThat(loginPage.getPath()).isEqualTo("/login");

		HttpResponse<String> login = send(browser, HttpRequest.newBuilder(loginPage).GET().build());
		assertThat(login.statusCode()).isEqualTo(200);
		Matcher csrf = CSRF.matcher(login.body());
		assertThat(csrf.find()).as("login form carries a CSRF token").isTrue();

		HttpResponse<String> signedIn = send(browser, HttpRequest.newBuilder(loginPage)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers
				.ofString(form(Map.of("username", "alice", "password", "alice-demo-password", "_csrf", csrf.group(1)))))
			.build());
		assertThat(signedIn.statusCode()).isEqualTo(302);
		URI continued = resolve(loginPage.toString(), location(signedIn));

		HttpResponse<String> toCallback = send(browser, HttpRequest.newBuilder(continued).GET().build());
		assertThat(toCallback.statusCode()).isEqualTo(302);
		URI callback = URI.create(location(toCallback));
		assertThat(callback.toString()).startsWith(REDIRECT_URI + "?");
		Map<String, String> query = parseQuery(callback.getRawQuery());
		assertThat(query).containsEntry("state", state).containsKey("code");

		HttpResponse<String> tokens = tokenRequest("demo-web", "demo-web-secret",
				Map.of("grant_type", "authorization_code", "code", query.get("code"), "redirect_uri", REDIRECT_URI,
						"code_verifier", verifier));
		assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
		return tokens(tokens);
	}

	/** Redeems a refresh token of {@code demo-web}. */
	Tokens refresh(String refreshToken) {
		HttpResponse<String> response = tokenRequest("demo-web", "demo-web-secret",
				Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return tokens(response);
	}

	/** A client-credentials access token. */
	String clientCredentials(String clientId, String secret, String scope) {
		HttpResponse<String> response = tokenRequest(clientId, secret,
				Map.of("grant_type", "client_credentials", "scope", scope));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json(response).get("access_token").asString();
	}

	HttpResponse<String> tokenRequest(String clientId, String secret, Map<String, String> parameters) {
		String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
		return send(HttpClient.newHttpClient(),
				HttpRequest.newBuilder(URI.create(this.apps.issuer + "/oauth2/token"))
					.header("Authorization", "Basic " + basic)
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString(form(parameters)))
					.build());
	}

	HttpResponse<String> api(String method, String path, String accessToken, String jsonBody) {
		return call(this.apps.apiBaseUrl + path, method, accessToken, jsonBody);
	}

	HttpResponse<String> authServer(String method, String path, String accessToken) {
		return call(this.apps.issuer + path, method, accessToken, null);
	}

	static JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	/** The decoded claims of a compact JWT (not verified). */
	static JsonNode claims(String jwt) {
		return JSON.readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
	}

	/** The decoded JOSE header of a compact JWT. */
	static JsonNode header(String jwt) {
		return JSON.readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), StandardCharsets.UTF_8));
	}

	private HttpResponse<String> call(String url, String method, String accessToken, String jsonBody) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.method(method, (jsonBody != null) ? HttpRequest.BodyPublishers.ofString(jsonBody)
					: HttpRequest.BodyPublishers.noBody());
		if (jsonBody != null) {
			request.header("Content-Type", "application/json");
		}
		if (accessToken != null) {
			request.header("Authorization", "Bearer " + accessToken);
		}
		return send(HttpClient.newHttpClient(), request.build());
	}

	private static Tokens tokens(HttpResponse<String> response) {
		JsonNode body = json(response);
		return new Tokens(body.get("access_token").asString(),
				body.has("refresh_token") ? body.get("refresh_token").asString() : null,
				body.has("id_token") ? body.get("id_token").asString() : null, body);
	}

	private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
		try {
			return client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String location(HttpResponse<String> response) {
		return response.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no Location header"));
	}

	private static URI resolve(String base, String location) {
		return URI.create(base).resolve(location);
	}

	private static String form(Map<String, String> parameters) {
		return new LinkedHashMap<>(parameters).entrySet()
			.stream()
			.map((entry) -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
			.collect(Collectors.joining("&"));
	}

	private static Map<String, String> parseQuery(String query) {
		Map<String, String> values = new LinkedHashMap<>();
		for (String pair : query.split("&")) {
			int equals = pair.indexOf('=');
			values.put(decode(pair.substring(0, equals)), decode(pair.substring(equals + 1)));
		}
		return values;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static String decode(String value) {
		return java.net.URLDecoder.decode(value, StandardCharsets.UTF_8);
	}

	private static String randomBase64Url(int bytes) {
		byte[] random = new byte[bytes];
		RANDOM.nextBytes(random);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
	}

	private static String challenge(String verifier) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
