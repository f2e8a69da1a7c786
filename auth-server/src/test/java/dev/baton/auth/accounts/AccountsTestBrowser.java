package dev.baton.auth.accounts;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.baton.auth.testsupport.Pkce;

/**
 * A cookie-keeping HTTP "browser" for the accounts HTTP tests: it does not follow
 * redirects (tests assert them), reads {@code _csrf} from pages the way a form would send
 * it, and comes from the IP given in {@code X-Forwarded-For} (trusted from 127.0.0.1), so
 * throttling tests do not lock each other out.
 */
final class AccountsTestBrowser {

	static final String REDIRECT_URI = "http://127.0.0.1:8765/callback";

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"");

	private static final Pattern CODE = Pattern.compile("[?&]code=([^&]+)");

	private static final SecureRandom random = new SecureRandom();

	private final String base;

	private final String ip;

	private final String userAgent;

	private final HttpClient http;

	AccountsTestBrowser(int port, String ip, String userAgent) {
		this.base = "http://localhost:" + port;
		this.ip = ip;
		this.userAgent = userAgent;
		CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
		this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
	}

	AccountsTestBrowser(int port, String ip) {
		this(port, ip,
				"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36");
	}

	String base() {
		return this.base;
	}

	HttpResponse<String> get(String pathOrUrl) {
		return send(request(pathOrUrl).GET().build());
	}

	HttpResponse<String> postForm(String path, Map<String, String> form) {
		return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(encode(form)))
			.build());
	}

	/**
	 * Posts a form with the CSRF token read from {@code pagePath}, as a browser would.
	 */
	HttpResponse<String> submit(String pagePath, String action, Map<String, String> fields) {
		Map<String, String> form = new LinkedHashMap<>(fields);
		form.put("_csrf", csrf(pagePath));
		return postForm(action, form);
	}

	HttpResponse<String> json(String method, String path, String body, Map<String, String> headers) {
		HttpRequest.Builder builder = request(path).header("Content-Type", "application/json");
		headers.forEach(builder::header);
		builder.method(method,
				(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		return send(builder.build());
	}

	String csrf(String pagePath) {
		HttpResponse<String> page = get(pagePath);
		Matcher matcher = CSRF.matcher(page.body());
		if (!matcher.find()) {
			throw new IllegalStateException("No _csrf on " + pagePath + " (" + page.statusCode() + ")");
		}
		return matcher.group(1);
	}

	HttpResponse<String> signIn(String username, String password) {
		return submit("/login", "/login", Map.of("username", username, "password", password));
	}

	/**
	 * Runs the authorization-code flow with PKCE in this browser (signing in when asked)
	 * and redeems the code.
	 * @return the token response body (JSON)
	 */
	String authorize(String clientId, String clientSecret, String scope, String username, String password,
			String... extraParameters) {
		Pkce pkce = Pkce.generate();
		StringBuilder authorize = new StringBuilder(
				"/oauth2/authorize?response_type=code&client_id=" + clientId + "&redirect_uri=" + url(REDIRECT_URI)
						+ "&scope=" + url(scope) + "&state=" + randomValue() + "&" + pkce.requestParameters());
		for (int i = 0; i < extraParameters.length; i += 2) {
			authorize.append('&').append(url(extraParameters[i])).append('=').append(url(extraParameters[i + 1]));
		}
		HttpResponse<String> response = get(authorize.toString());
		if (location(response).endsWith("/login")) {
			HttpResponse<String> signedIn = signIn(username, password);
			if (!location(signedIn).contains("/oauth2/authorize")) {
				throw new IllegalStateException("Sign-in failed: " + location(signedIn));
			}
			response = get(authorize.toString());
		}
		String code = codeFrom(location(response));
		return redeem(clientId, clientSecret, code, pkce.verifier());
	}

	String redeem(String clientId, String clientSecret, String code, String verifier) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "authorization_code");
		form.put("code", code);
		form.put("redirect_uri", REDIRECT_URI);
		form.put("code_verifier", verifier);
		return tokenRequest(clientId, clientSecret, form).body();
	}

	/**
	 * Redeems a code as a public (native) client: {@code client_id} in the body, no
	 * secret.
	 */
	String redeemPublic(String clientId, String code, String verifier, String redirectUri) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "authorization_code");
		form.put("client_id", clientId);
		form.put("code", code);
		form.put("redirect_uri", redirectUri);
		form.put("code_verifier", verifier);
		return publicTokenRequest(form).body();
	}

	HttpResponse<String> refreshPublic(String clientId, String refreshToken) {
		return publicTokenRequest(
				Map.of("grant_type", "refresh_token", "client_id", clientId, "refresh_token", refreshToken));
	}

	private HttpResponse<String> publicTokenRequest(Map<String, String> form) {
		return send(HttpRequest.newBuilder(URI.create(this.base + "/oauth2/token"))
			.header("User-Agent", "Java-http-client/17 (accounts test app)")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(encode(form)))
			.build());
	}

	HttpResponse<String> refresh(String clientId, String clientSecret, String refreshToken) {
		return tokenRequest(clientId, clientSecret,
				Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
	}

	private HttpResponse<String> tokenRequest(String clientId, String clientSecret, Map<String, String> form) {
		String basic = Base64.getEncoder()
			.encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
		return send(HttpRequest.newBuilder(URI.create(this.base + "/oauth2/token"))
			.header("Authorization", "Basic " + basic)
			.header("User-Agent", "Java-http-client/17 (accounts test app)")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(encode(form)))
			.build());
	}

	static String location(HttpResponse<String> response) {
		return response.headers().firstValue("Location").orElse("");
	}

	static String codeFrom(String url) {
		Matcher matcher = CODE.matcher(url);
		if (!matcher.find()) {
			throw new IllegalStateException("No code in " + url);
		}
		return matcher.group(1);
	}

	static String randomValue() {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	static String url(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private HttpRequest.Builder request(String pathOrUrl) {
		String target = pathOrUrl.startsWith("http") ? pathOrUrl : this.base + pathOrUrl;
		return HttpRequest.newBuilder(URI.create(target))
			.header("X-Forwarded-For", this.ip)
			.header("User-Agent", this.userAgent);
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String encode(Map<String, String> form) {
		return form.entrySet()
			.stream()
			.map((entry) -> url(entry.getKey()) + "=" + url(entry.getValue()))
			.collect(Collectors.joining("&"));
	}

}
