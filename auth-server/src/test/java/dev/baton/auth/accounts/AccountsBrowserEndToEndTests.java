package dev.baton.auth.accounts;

import java.io.File;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import dev.baton.auth.testsupport.Pkce;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import static dev.baton.auth.accounts.HeadlessChromium.awaitElement;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The accounts story in a real browser: headless Chromium (Debian's
 * {@code /usr/bin/chromium}, driven through {@code /usr/bin/chromedriver}; Selenium
 * Manager never downloads anything). A new user registers and signs in through
 * {@code demo-mobile}'s authorization-code flow (a native app: it receives the code on a
 * loopback port of its own choosing, RFC 8252 §7.3, here a {@link CallbackReceiver} on a
 * port the test bound itself, so nothing else listening on the demo's 127.0.0.1:8765 can
 * get in the way), sees the session on the account page, signs in again from a second
 * browser profile (another device), signs the first one out from the page, and its
 * refresh token fails while the second one still refreshes. The account page is saved for
 * the README (see {@link #saveScreenshot}).
 * <p>
 * Runs on H2 only (tag {@code browser}, left out of the {@code mariadb} run). Without
 * Chromium the test is skipped with a message, unless {@code BATON_REQUIRE_BROWSER=true}
 * (CI).
 */
@Tag("browser")
class AccountsBrowserEndToEndTests extends AccountsHttpTestSupport {

	private final HeadlessChromium browsers = new HeadlessChromium();

	private CallbackReceiver receiver;

	@BeforeAll
	static void requireChromium() {
		HeadlessChromium.require("browser end-to-end test");
	}

	@AfterEach
	void closeBrowsers() throws IOException {
		if (this.receiver != null) {
			this.receiver.close();
		}
		this.browsers.close();
	}

	@Test
	void registerSignInTwiceThenSignOutFirstDeviceFromAccountPage() throws IOException {
		String username = newUsername("browser");
		String base = "http://localhost:" + this.port;
		AccountsTestBrowser tokenClient = newBrowser();
		this.receiver = CallbackReceiver.start();

		// Device 1: the app sends the browser to Baton; the person has no account yet and
		// registers.
		WebDriver laptop = this.browsers.start();
		Pkce pkce1 = Pkce.generate();
		laptop.get(base + authorizeUrl(pkce1));
		assertThat(laptop.getCurrentUrl()).endsWith("/login");
		laptop.findElement(By.id("register-link")).click();
		laptop.findElement(By.id("username")).sendKeys(username);
		laptop.findElement(By.id("email")).sendKeys(username + "@example.com");
		laptop.findElement(By.id("displayName")).sendKeys("Browser Test");
		laptop.findElement(By.id("password")).sendKeys(PASSWORD);
		laptop.findElement(By.id("confirmPassword")).sendKeys(PASSWORD);
		laptop.findElement(By.id("create-account")).click();
		assertThat(awaitElement(laptop, By.id("registered")).getText()).contains("Your account is ready");
		String code1 = signInAndReadCode(laptop, username);
		String tokens1 = tokenClient.redeemPublic("demo-mobile", code1, pkce1.verifier(), this.receiver.redirectUri());
		String family1 = familyOf(field(tokens1, "access_token"));

		laptop.get(base + "/account/sessions");
		List<WebElement> rows = laptop.findElements(By.cssSelector("tr.session"));
		assertThat(rows).hasSize(1);
		assertThat(rows.get(0).getAttribute("data-session-id")).isEqualTo(family1);
		// the device is the browser that signed in, not the app's HTTP client that
		// redeemed the code
		assertThat(rows.get(0).getText()).contains("Baton demo mobile app")
			.contains("this browser")
			.contains("Chrome (headless) on Linux")
			.doesNotContain("Java HTTP client");

		// Device 2: another browser profile signs in to the same app.
		WebDriver phone = this.browsers.start();
		Pkce pkce2 = Pkce.generate();
		phone.get(base + authorizeUrl(pkce2));
		String code2 = signInAndReadCode(phone, username);
		String tokens2 = tokenClient.redeemPublic("demo-mobile", code2, pkce2.verifier(), this.receiver.redirectUri());
		String family2 = familyOf(field(tokens2, "access_token"));

		laptop.get(base + "/account/sessions");
		assertThat(laptop.findElements(By.cssSelector("tr.session"))).hasSize(2);
		WebElement secondRow = laptop.findElement(By.cssSelector("tr[data-session-id='" + family2 + "']"));
		assertThat(secondRow.getText()).doesNotContain("this browser");
		saveScreenshot(laptop);

		// Sign the first device out from the page.
		laptop.findElement(By.cssSelector("tr[data-session-id='" + family1 + "'] button.sign-out")).click();
		// the click submits a form: wait for the page it leads to, not the one still
		// shown
		assertThat(awaitElement(laptop, By.id("signed-out")).getText()).contains("signed out");
		assertThat(laptop.findElements(By.cssSelector("tr[data-session-id='" + family1 + "']"))).isEmpty();
		assertThat(laptop.findElements(By.cssSelector("tr[data-session-id='" + family2 + "']"))).hasSize(1);

		HttpResponse<String> refused = tokenClient.refreshPublic("demo-mobile", field(tokens1, "refresh_token"));
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("invalid_grant");
		HttpResponse<String> refreshed = tokenClient.refreshPublic("demo-mobile", field(tokens2, "refresh_token"));
		assertThat(refreshed.statusCode()).isEqualTo(200);
		assertThat(refreshed.body()).contains("refresh_token");
	}

	/**
	 * RP-initiated logout in a real browser: the phone's app asks with the laptop's ID
	 * token (a hint of a session of another device), so Baton asks before doing anything;
	 * the click ends the phone's sign-in and the session started in it, and the laptop's
	 * session stays.
	 */
	@Test
	void logoutWithHintOfAnotherDeviceAsksThenEndsOnlyThisBrowsersSession() throws IOException {
		String username = registerUser("logout");
		String base = "http://localhost:" + this.port;
		AccountsTestBrowser tokenClient = newBrowser();
		this.receiver = CallbackReceiver.start();
		WebDriver laptop = this.browsers.start();
		Pkce pkce1 = Pkce.generate();
		laptop.get(base + authorizeUrl(pkce1));
		String laptopTokens = tokenClient.redeemPublic("demo-mobile", signInAndReadCode(laptop, username),
				pkce1.verifier(), this.receiver.redirectUri());
		WebDriver phone = this.browsers.start();
		Pkce pkce2 = Pkce.generate();
		phone.get(base + authorizeUrl(pkce2));
		String phoneTokens = tokenClient.redeemPublic("demo-mobile", signInAndReadCode(phone, username),
				pkce2.verifier(), this.receiver.redirectUri());

		phone.get(base + "/connect/logout?id_token_hint=" + field(laptopTokens, "id_token"));

		assertThat(awaitElement(phone, By.id("confirm-sign-out")).getText()).contains("Sign out of Baton?");
		assertThat(phone.findElement(By.tagName("main")).getText()).contains("Baton demo mobile app")
			.contains("your other devices stay signed in");
		HttpResponse<String> beforeClick = tokenClient.refreshPublic("demo-mobile",
				field(phoneTokens, "refresh_token"));
		assertThat(beforeClick.statusCode()).as("nothing ends before the click").isEqualTo(200);
		phone.findElement(By.id("sign-out")).click();
		assertThat(awaitElement(phone, By.cssSelector(".notice")).getText()).contains("You are signed out");
		assertThat(tokenClient.refreshPublic("demo-mobile", field(beforeClick.body(), "refresh_token")).statusCode())
			.as("the phone's session ended")
			.isEqualTo(400);
		assertThat(tokenClient.refreshPublic("demo-mobile", field(laptopTokens, "refresh_token")).statusCode())
			.as("the laptop's session stays")
			.isEqualTo(200);
		phone.get(base + "/account");
		assertThat(awaitElement(phone, By.id("username")).isDisplayed()).as("back at the sign-in page").isTrue();
	}

	private String authorizeUrl(Pkce pkce) {
		return "/oauth2/authorize?response_type=code&client_id=demo-mobile&redirect_uri="
				+ AccountsTestBrowser.url(this.receiver.redirectUri()) + "&scope="
				+ AccountsTestBrowser.url("openid profile offline_access") + "&state="
				+ AccountsTestBrowser.randomValue() + "&" + pkce.requestParameters();
	}

	/**
	 * Signs in on the page the browser is at; Baton then redirects to the app's callback,
	 * which the test's own receiver serves: the code is what it received.
	 */
	private String signInAndReadCode(WebDriver driver, String username) {
		HeadlessChromium.signIn(driver, username, PASSWORD);
		new WebDriverWait(driver, Duration.ofSeconds(15))
			.until((d) -> d.getCurrentUrl().startsWith(this.receiver.redirectUri()));
		return AccountsTestBrowser.codeFrom(this.receiver.lastQuery());
	}

	/**
	 * Saves the page as {@code auth-server/target/account-sessions.png}, and as the
	 * README's {@code docs/account-sessions.png} when that is missing or
	 * {@code -Dbaton.screenshots=update} is given (so a test run does not rewrite a
	 * committed image every time).
	 */
	private static void saveScreenshot(WebDriver driver) throws IOException {
		File screenshot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
		Path target = Files.createDirectories(Path.of("target"));
		Files.copy(screenshot.toPath(), target.resolve("account-sessions.png"), StandardCopyOption.REPLACE_EXISTING);
		Path root = Path.of("").toAbsolutePath();
		while (root != null && !Files.isDirectory(root.resolve("sql"))) {
			root = root.getParent();
		}
		if (root == null) {
			return;
		}
		Path docsImage = root.resolve("docs").resolve("account-sessions.png");
		if (!Files.exists(docsImage) || "update".equals(System.getProperty("baton.screenshots"))) {
			Files.createDirectories(docsImage.getParent());
			Files.copy(screenshot.toPath(), docsImage, StandardCopyOption.REPLACE_EXISTING);
		}
	}

}
