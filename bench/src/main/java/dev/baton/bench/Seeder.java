package dev.baton.bench;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts token families the way a real client does: alice signs in through the login form
 * once, then each family is one authorization request with PKCE (S256) and one
 * authorization-code exchange at the token endpoint with the client's credentials.
 * Returns the first refresh token of each family.
 */
final class Seeder {

	static final String REDIRECT_URI = "http://127.0.0.1:8765/callback";

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	private static final Pattern CODE = Pattern.compile("[?&]code=([^&]+)");

	private static final SecureRandom RANDOM = new SecureRandom();

	private final String base;

	private final HttpClient http = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER)
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	Seeder(String base) {
		this.base = base;
	}

	List<String> seed(int families, String clientId, String clientSecret, String username, String password)
			throws IOException, InterruptedException {
		if (authorize(clientId) == null) {
			signIn(username, password);
		}
		List<String> tokens = new ArrayList<>(families);
		for (int i = 0; i < families; i++) {
			String verifier = randomBase64(32);
			tokens.add(exchange(authorizeWithPkce(clientId, verifier), verifier, clientId, clientSecret));
		}
		return tokens;
	}

	/**
	 * The first authorization request: a redirect to the login page (null) or, if signed
	 * in, a code.
	 */
	private String authorize(String clientId) throws IOException, InterruptedException {
		HttpResponse<String> response = send(HttpRequest.newBuilder(authorizeUri(clientId, randomBase64(32))).GET());
		String location = response.headers().firstValue("Location").orElse("");
		Matcher code = CODE.matcher(location);
		return code.find() ? code.group(1) : null;
	}

	private void signIn(String username, String password) throws IOException, InterruptedException {
		HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(this.base + "/login")).GET());
		Matcher csrf = CSRF.matcher(page.body());
		if (!csrf.find()) {
			throw new IllegalStateException("No _csrf field on the login page (status " + page.statusCode() + ")");
		}
		String form = "username=" + encode(username) + "&password=" + encode(password) + "&_csrf="
				+ encode(csrf.group(1));
		HttpResponse<String> login = send(HttpRequest.newBuilder(URI.create(this.base + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form)));
		String location = login.headers().firstValue("Location").orElse("");
		if (login.statusCode() != 302 || location.contains("error")) {
			throw new IllegalStateException("Sign-in failed: " + login.statusCode() + " " + location);
		}
	}

	private String authorizeWithPkce(String clientId, String verifier) throws IOException, InterruptedException {
		HttpResponse<String> response = send(HttpRequest.newBuilder(authorizeUri(clientId, verifier)).GET());
		String location = response.headers().firstValue("Location").orElse("");
		Matcher code = CODE.matcher(location);
		if (response.statusCode() != 302 || !code.find()) {
			throw new IllegalStateException(
					"No code from the authorization endpoint: " + response.statusCode() + " " + location);
		}
		return code.group(1);
	}

	private String exchange(String code, String verifier, String clientId, String clientSecret)
			throws IOException, InterruptedException {
		String form = "grant_type=authorization_code&code=" + code + "&redirect_uri=" + encode(REDIRECT_URI)
				+ "&code_verifier=" + verifier + ((clientSecret == null) ? "&client_id=" + encode(clientId) : "");
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + "/oauth2/token"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form));
		if (clientSecret != null) {
			request.header("Authorization", basic(clientId, clientSecret));
		}
		HttpResponse<String> response = send(request);
		String refreshToken = Json.stringField(response.body(), "refresh_token");
		if (response.statusCode() != 200 || refreshToken == null) {
			throw new IllegalStateException("Code exchange failed: " + response.statusCode() + " " + response.body());
		}
		return refreshToken;
	}

	private URI authorizeUri(String clientId, String verifier) {
		return URI
			.create(this.base + "/oauth2/authorize?response_type=code&client_id=" + encode(clientId) + "&redirect_uri="
					+ encode(REDIRECT_URI) + "&scope=" + encode("openid offline_access notes.read") + "&state="
					+ randomBase64(8) + "&code_challenge=" + challenge(verifier) + "&code_challenge_method=S256");
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
	}

	static String basic(String clientId, String clientSecret) {
		return "Basic " + Base64.getEncoder()
			.encodeToString((encode(clientId) + ":" + encode(clientSecret)).getBytes(StandardCharsets.UTF_8));
	}

	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
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

	private static String randomBase64(int bytes) {
		byte[] value = new byte[bytes];
		RANDOM.nextBytes(value);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
	}

}
