package dev.baton.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bff-demo over HTTP with Baton and resource-server-demo: the relay of the notes API, its 401 instead of a
 * redirect, CSRF on writes, the session cookie's attributes and the page's Content-Security-Policy.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BffHttpE2eTests {

	private BatonWithBff stack;

	@BeforeAll
	void start() throws Exception {
		this.stack = BatonWithBff.start(new ShiftableClock());
	}

	@AfterAll
	void stop() throws Exception {
		this.stack.close();
	}

	@Test
	void writeWhenCsrfHeaderThenRelayedOtherwise403() {
		BffSession browser = new BffSession(this.stack).signInAlice();

		assertThat(browser.api("POST", "{\"text\":\"forged\"}", false).statusCode()).isEqualTo(403);
		HttpResponse<String> created = browser.api("POST", "{\"text\":\"relay practice\"}", true);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		assertThat(created.body()).contains("\"text\":\"relay practice\"");
		assertThat(browser.api("POST", "{\"text\":\" \"}", true).statusCode()).as("the API's own answer")
			.isEqualTo(400);
		HttpResponse<String> notes = browser.api("GET", null, false);
		assertThat(notes.body()).contains("relay practice").doesNotContain("forged");
	}

	@Test
	void apiWhenNoSessionThen401NotARedirect() {
		HttpResponse<String> response = new BffSession(this.stack).api("GET", null, false);

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Location")).isEmpty();
	}

	@Test
	void sessionCookieWhenSignInStartsThenHttpOnlySameSiteLaxAndSecureOnlyBehindTls() throws Exception {
		HttpClient plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		URI start = URI.create(this.stack.bffBaseUrl + "/oauth2/authorization/baton");

		String direct = sessionCookie(plain.send(HttpRequest.newBuilder(start).GET().build(),
				HttpResponse.BodyHandlers.discarding()));
		// a TLS-terminating proxy on loopback (a trusted proxy for Tomcat's RemoteIpValve)
		String proxied = sessionCookie(plain.send(
				HttpRequest.newBuilder(start).header("X-Forwarded-Proto", "https").GET().build(),
				HttpResponse.BodyHandlers.discarding()));

		assertThat(direct).contains("HttpOnly").contains("SameSite=Lax").doesNotContain("Secure");
		assertThat(proxied).contains("HttpOnly").contains("SameSite=Lax").contains("Secure");
	}

	@Test
	void pageWhenServedThenStrictContentSecurityPolicy() {
		HttpResponse<String> page = new BffSession(this.stack).get(this.stack.bffBaseUrl + "/");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Security-Policy").orElse(""))
			.contains("default-src 'none'")
			.contains("script-src 'self'")
			.contains("form-action 'self' " + this.stack.apps.issuer)
			.doesNotContain("unsafe-inline");
		assertThat(page.body()).contains("<script src=\"/bff.js\" defer></script>").doesNotContain("<script>");
	}

	private static String sessionCookie(HttpResponse<?> response) {
		return response.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((cookie) -> cookie.startsWith("BFF_SESSION="))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no session cookie in " + response.headers()));
	}

}
