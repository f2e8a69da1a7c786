package dev.baton.e2e;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bff-demo over HTTP with Baton and resource-server-demo: the relay of the notes API, its
 * 401 instead of a redirect, CSRF on writes, signing out at Baton (RP-initiated logout),
 * the session cookie's attributes and the page's Content-Security-Policy.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BffHttpE2eTests {

	private static final Pattern FORM_CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

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
	void signOutWhenFormPostedThenLogoutAtBatonWithIdTokenHintAndBackToThePageSignedOut() {
		BffSession browser = new BffSession(this.stack).signInAlice();
		String idToken = this.stack.idTokenOf(browser.cookie("BFF_SESSION"));
		String family = BatonHttp.claims(idToken).get("sid").asString();
		Matcher csrf = FORM_CSRF.matcher(browser.get(this.stack.bffBaseUrl + "/").body());
		assertThat(csrf.find()).as("the sign-out form carries a CSRF token").isTrue();

		assertThat(browser
			.send(HttpRequest.newBuilder(URI.create(this.stack.bffBaseUrl + "/logout"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.noBody())
				.build())
			.statusCode()).as("no CSRF token").isEqualTo(403);
		HttpResponse<String> signedOut = browser
			.send(HttpRequest.newBuilder(URI.create(this.stack.bffBaseUrl + "/logout"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers
					.ofString("_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)))
				.build());
		assertThat(signedOut.statusCode()).isEqualTo(302);
		String endSession = BffSession.location(signedOut);
		assertThat(endSession).startsWith(this.stack.apps.issuer + "/connect/logout?")
			.contains("id_token_hint=" + idToken)
			.contains("post_logout_redirect_uri=" + this.stack.bffBaseUrl + "/");

		HttpResponse<String> back = browser.get(endSession);
		assertThat(back.statusCode()).as(back.body()).isEqualTo(302);
		assertThat(BffSession.location(back)).startsWith(this.stack.bffBaseUrl + "/");
		assertThat(browser.get(this.stack.bffBaseUrl + "/").body()).contains("id=\"sign-in\"");
		assertThat(this.stack.apps.jdbc()
			.queryForObject("SELECT revoked_reason FROM token_family WHERE id = ?", String.class, family)).isNotNull();
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

		String direct = sessionCookie(
				plain.send(HttpRequest.newBuilder(start).GET().build(), HttpResponse.BodyHandlers.discarding()));
		// a TLS-terminating proxy on loopback (a trusted proxy for Tomcat's
		// RemoteIpValve)
		String proxied = sessionCookie(
				plain.send(HttpRequest.newBuilder(start).header("X-Forwarded-Proto", "https").GET().build(),
						HttpResponse.BodyHandlers.discarding()));

		assertThat(direct).contains("HttpOnly").contains("SameSite=Lax").doesNotContain("Secure");
		assertThat(proxied).contains("HttpOnly").contains("SameSite=Lax").contains("Secure");
	}

	@Test
	void pageWhenServedThenStrictContentSecurityPolicy() {
		HttpResponse<String> page = new BffSession(this.stack).get(this.stack.bffBaseUrl + "/");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("default-src 'none'")
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
