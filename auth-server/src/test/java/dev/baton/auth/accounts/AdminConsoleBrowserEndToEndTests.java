package dev.baton.auth.accounts;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import dev.baton.auth.testsupport.Pkce;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import static dev.baton.auth.accounts.HeadlessChromium.awaitElement;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin console in headless Chromium (as {@link AccountsBrowserEndToEndTests}:
 * Debian's {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver}, nothing
 * downloaded): the admin registers a public client with PKCE in the console, whose
 * loopback redirect URI is a {@link CallbackReceiver} this test binds on a free port, and
 * alice signs in with it and the code is exchanged; then the admin disables a user in the
 * console and that user's refresh token fails with {@code invalid_grant}.
 * <p>
 * Runs on H2 only (tag {@code browser}). Without Chromium the test is skipped with a
 * message, unless {@code BATON_REQUIRE_BROWSER=true} (CI).
 */
@Tag("browser")
class AdminConsoleBrowserEndToEndTests extends AccountsHttpTestSupport {

	private final HeadlessChromium browsers = new HeadlessChromium();

	private CallbackReceiver receiver;

	@BeforeAll
	static void requireChromium() {
		HeadlessChromium.require("admin console browser test");
	}

	@AfterEach
	void close() throws IOException {
		if (this.receiver != null) {
			this.receiver.close();
		}
		this.browsers.close();
	}

	@Test
	void clientCreatedInTheConsoleThenAliceSignsInWithItAndTheCodeIsExchanged() throws Exception {
		this.receiver = CallbackReceiver.start();
		String redirectUri = this.receiver.redirectUri();
		String clientId = "console-spa-" + UUID.randomUUID().toString().substring(0, 8);
		String base = "http://localhost:" + this.port;

		WebDriver console = this.browsers.start();
		console.get(base + "/admin/clients/new");
		assertThat(console.getCurrentUrl()).endsWith("/login");
		HeadlessChromium.signIn(console, AdminConsoleHttpTests.ADMIN, AdminConsoleHttpTests.ADMIN_PASSWORD);
		new WebDriverWait(console, Duration.ofSeconds(15))
			.until((d) -> d.getCurrentUrl().contains("/admin/clients/new"));
		console.findElement(By.id("client_id")).sendKeys(clientId);
		console.findElement(By.id("client_name")).sendKeys("Console SPA");
		console.findElement(By.id("redirect_uris")).sendKeys(redirectUri);
		new Select(console.findElement(By.id("token_endpoint_auth_method"))).selectByValue("none");
		WebElement scope = console.findElement(By.id("scope"));
		scope.clear();
		scope.sendKeys("openid profile offline_access");
		console.findElement(By.id("first_party")).click();
		assertThat(console.findElement(By.id("grant-authorization_code")).isSelected()).isTrue();
		assertThat(console.findElement(By.id("grant-refresh_token")).isSelected()).isTrue();
		assertThat(console.findElement(By.id("pkce_required")).isSelected()).isTrue();
		console.findElement(By.id("save-client")).click();
		new WebDriverWait(console, Duration.ofSeconds(15))
			.until((d) -> !d.getCurrentUrl().endsWith("/admin/clients/new"));
		assertThat(console.findElements(By.id("problems"))).as(console.getPageSource()).isEmpty();
		assertThat(awaitElement(console, By.id("created")).getText()).contains("registered");
		assertThat(this.jdbc.queryForObject("SELECT require_proof_key FROM client WHERE client_id = ?", Boolean.class,
				clientId))
			.isTrue();

		WebDriver alice = this.browsers.start();
		Pkce pkce = Pkce.generate();
		alice.get(base + "/oauth2/authorize?response_type=code&client_id=" + clientId + "&redirect_uri="
				+ AccountsTestBrowser.url(redirectUri) + "&scope=" + AccountsTestBrowser.url("openid offline_access")
				+ "&state=" + AccountsTestBrowser.randomValue() + "&" + pkce.requestParameters());
		assertThat(alice.getCurrentUrl()).endsWith("/login");
		HeadlessChromium.signIn(alice, "alice", "alice-demo-password");
		new WebDriverWait(alice, Duration.ofSeconds(15)).until((d) -> d.getCurrentUrl().startsWith(redirectUri));
		assertThat(alice.getPageSource()).contains("You may close this window");
		String code = AccountsTestBrowser.codeFrom(this.receiver.lastQuery());

		HttpResponse<String> tokens = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=" + code
						+ "&redirect_uri=" + AccountsTestBrowser.url(redirectUri) + "&code_verifier=" + pkce.verifier()
						+ "&client_id=" + clientId))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
		assertThat(tokens.body()).contains("\"access_token\"").contains("\"refresh_token\"").contains("\"id_token\"");
	}

	@Test
	void userDisabledInTheConsoleThenTheirRefreshTokenFails() throws Exception {
		String username = registerUser("console-disabled");
		AccountsTestBrowser device = newBrowser();
		String tokens = device.authorize(ACCOUNT_APP, APP_SECRET, "openid offline_access", username, PASSWORD);
		String base = "http://localhost:" + this.port;

		WebDriver console = this.browsers.start();
		console.get(base + "/admin/users");
		HeadlessChromium.signIn(console, AdminConsoleHttpTests.ADMIN, AdminConsoleHttpTests.ADMIN_PASSWORD);
		new WebDriverWait(console, Duration.ofSeconds(15)).until((d) -> d.getCurrentUrl().contains("/admin/users"));
		console.findElement(By.id("query")).sendKeys(username);
		console.findElement(By.id("search")).click();
		// Every click below submits a form or follows a link: wait for the next page, not
		// the one still shown.
		awaitElement(console, By.cssSelector("tr[data-username='" + username + "'] a")).click();
		awaitElement(console, By.id("disable"));
		assertThat(console.findElements(By.cssSelector("tr.session"))).hasSize(1);
		console.findElement(By.id("disable")).click();
		assertThat(awaitElement(console, By.id("disabled")).getText()).contains("disabled");
		assertThat(console.findElement(By.id("state")).getText()).contains("disabled");
		assertThat(console.findElements(By.cssSelector("tr.session"))).isEmpty();

		HttpResponse<String> refused = device.refresh(ACCOUNT_APP, APP_SECRET, field(tokens, "refresh_token"));
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("invalid_grant");
	}

}
