package dev.baton.auth.accounts;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import com.sun.net.httpserver.HttpServer;
import dev.baton.auth.testsupport.BatonHttpClient;
import dev.baton.auth.testsupport.BatonServerTests;
import dev.baton.auth.testsupport.HttpResult;
import dev.baton.auth.testsupport.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CORS as a real browser enforces it: a page served from a second local origin
 * ({@code http://localhost:<port>} of a server this test binds, while Baton is
 * {@code http://127.0.0.1:<port>}) calls Baton with {@code fetch()}. Its own public
 * client's token response (an {@code invalid_grant}) is readable, as is userinfo's 401
 * after a preflight (the {@code Authorization} header makes one); another client's token
 * response and introspection are blocked by the browser. Headless Chromium (tag
 * {@code browser}, H2 only); skipped with a message without it, unless
 * {@code BATON_REQUIRE_BROWSER=true}.
 */
@Tag("browser")
class BrowserCorsEndToEndTests extends BatonServerTests {

	/**
	 * The app: four fetch() calls, each result written to the page; no data leaves it but
	 * what Baton allows.
	 */
	private static final String PAGE = """
			<!doctype html><html><head><title>SPA</title></head><body><pre id="results"></pre><script>
			const q = new URLSearchParams(location.search), baton = q.get('baton'), out = [];
			const form = (clientId) => ({method: 'POST', body: new URLSearchParams({grant_type: 'refresh_token',
			  refresh_token: 'not-a-token', client_id: clientId})});
			const attempt = (name, request) => request
			  .then(async (r) => out.push(name + ' read ' + r.status + ' ' + (await r.text())
			    + ' ' + (r.headers.get('WWW-Authenticate') || '')))
			  .catch((e) => out.push(name + ' blocked'));
			(async () => {
			  await attempt('own', fetch(baton + '/oauth2/token', form(q.get('own'))));
			  await attempt('other', fetch(baton + '/oauth2/token', form(q.get('other'))));
			  await attempt('userinfo', fetch(baton + '/userinfo', {headers: {Authorization: 'Bearer not-a-token'}}));
			  await attempt('introspect', fetch(baton + '/oauth2/introspect', {method: 'POST',
			    body: new URLSearchParams({token: 'not-a-token'})}));
			  document.getElementById('results').textContent = out.join('\\n');
			  document.body.insertAdjacentHTML('beforeend', '<p id="done">done</p>');
			})();
			</script></body></html>""";

	private final HeadlessChromium browsers = new HeadlessChromium();

	private HttpServer app;

	@BeforeAll
	static void requireChromium() {
		HeadlessChromium.require("CORS browser test");
	}

	@AfterEach
	void close() throws IOException {
		if (this.app != null) {
			this.app.stop(0);
		}
		this.browsers.close();
	}

	@Test
	void fetchFromRegisteredOriginThenOwnResponsesReadableAndOthersBlocked() throws Exception {
		this.app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.app.createContext("/", (exchange) -> {
			byte[] body = PAGE.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		this.app.start();
		String appOrigin = "http://localhost:" + this.app.getAddress().getPort();
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		String admin = this.http.accessToken(TestClient.ADMIN, "baton.admin");
		String own = register(admin, "browser-spa-" + suffix, appOrigin);
		String other = register(admin, "browser-other-" + suffix, "https://other-" + suffix + ".example");

		WebDriver browser = this.browsers.start();
		browser.get(appOrigin + "/?baton=http://127.0.0.1:" + this.port + "&own=" + own + "&other=" + other);
		HeadlessChromium.awaitElement(browser, By.id("done"));
		String results = browser.findElement(By.id("results")).getText();

		assertThat(results).as(results)
			.contains("own read 400 {\"error\":\"invalid_grant\"")
			.contains("other blocked")
			.containsPattern("userinfo read 401 .*Bearer")
			.contains("introspect blocked");
	}

	private String register(String admin, String clientId, String origin) {
		HttpResult created = this.http.json("POST", "/api/admin/clients", admin, """
				{"client_id": "%s", "token_endpoint_auth_method": "none",
				 "grant_types": ["authorization_code", "refresh_token"], "redirect_uris": ["%s"],
				 "scope": "openid offline_access", "allowed_cors_origins": ["%s"]}""".formatted(clientId,
				BatonHttpClient.REDIRECT_URI, origin));
		assertThat(created.status()).as("%s", created).isEqualTo(201);
		return clientId;
	}

}
