package dev.baton.e2e;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser of bff-demo over plain HTTP: a cookie jar (the bff's session and CSRF
 * cookies, Baton's sign-in cookies) and redirects followed by hand, so each hop of the
 * sign-in is checked.
 */
final class BffSession {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	private final BatonWithBff stack;

	private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.cookieHandler(this.cookies)
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	BffSession(BatonWithBff stack) {
		this.stack = stack;
	}

	/**
	 * Signs {@code alice} in at the bff: its redirect to Baton, Baton's sign-in form, the
	 * callback.
	 */
	BffSession signInAlice() {
		HttpResponse<String> toBaton = get(this.stack.bffBaseUrl + "/oauth2/authorization/baton");
		assertThat(toBaton.statusCode()).isEqualTo(302);
		URI authorize = URI.create(location(toBaton));
		assertThat(authorize.toString()).startsWith(this.stack.apps.issuer + "/oauth2/authorize?")
			.contains("code_challenge_method=S256");

		HttpResponse<String> toLogin = get(authorize.toString());
		assertThat(toLogin.statusCode()).isEqualTo(302);
		URI loginPage = authorize.resolve(location(toLogin));
		HttpResponse<String> login = get(loginPage.toString());
		Matcher csrf = CSRF.matcher(login.body());
		assertThat(csrf.find()).as("login form carries a CSRF token").isTrue();
		HttpResponse<String> signedIn = send(HttpRequest.newBuilder(loginPage)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=alice&password=alice-demo-password&_csrf="
					+ URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)))
			.build());
		assertThat(signedIn.statusCode()).isEqualTo(302);

		HttpResponse<String> toCallback = get(loginPage.resolve(location(signedIn)).toString());
		assertThat(toCallback.statusCode()).isEqualTo(302);
		String callback = location(toCallback);
		assertThat(callback).startsWith(this.stack.bffBaseUrl + "/login/oauth2/code/baton?");
		HttpResponse<String> home = get(callback);
		assertThat(home.statusCode()).as(home.body()).isEqualTo(302);
		assertThat(URI.create(callback).resolve(location(home)).toString()).isEqualTo(this.stack.bffBaseUrl + "/");
		assertThat(get(this.stack.bffBaseUrl + "/").body()).contains("Signed in as");
		return this;
	}

	HttpResponse<String> get(String url) {
		return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
	}

	HttpResponse<String> api(String method, String jsonBody, boolean withCsrfHeader) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.stack.bffBaseUrl + "/api/notes"))
			.header("Accept", "application/json")
			.method(method, (jsonBody != null) ? HttpRequest.BodyPublishers.ofString(jsonBody)
					: HttpRequest.BodyPublishers.noBody());
		if (jsonBody != null) {
			request.header("Content-Type", "application/json");
		}
		if (withCsrfHeader) {
			request.header("X-XSRF-TOKEN", cookie("XSRF-TOKEN"));
		}
		return send(request.build());
	}

	String cookie(String name) {
		return this.cookies.getCookieStore()
			.get(URI.create(this.stack.bffBaseUrl))
			.stream()
			.filter((cookie) -> cookie.getName().equals(name))
			.map(HttpCookie::getValue)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no cookie " + name));
	}

	HttpResponse<String> send(HttpRequest request) {
		try {
			return this.client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static String location(HttpResponse<String> response) {
		return response.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no Location header"));
	}

}
