package dev.baton.auth.accounts;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.baton.auth.mfa.Base32;
import dev.baton.auth.mfa.Totp;
import dev.baton.auth.testsupport.Jwts;
import dev.baton.auth.testsupport.Pkce;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import static dev.baton.auth.accounts.HeadlessChromium.awaitElement;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The second factor in headless Chromium: a user sets up TOTP on the account page (the
 * key read from the page, the code computed by the test as an authenticator app would),
 * signs in to an app with a code on another device (the ID token says
 * {@code pwd otp mfa}), then with a recovery code, which a third device cannot use again.
 * <p>
 * H2 only (tag {@code browser}); skipped with a message without Chromium, unless
 * {@code BATON_REQUIRE_BROWSER=true}.
 */
@Tag("browser")
class SecondFactorBrowserEndToEndTests extends AccountsHttpTestSupport {

	private final HeadlessChromium browsers = new HeadlessChromium();

	private CallbackReceiver receiver;

	@BeforeAll
	static void requireChromium() {
		HeadlessChromium.require("second-factor browser test");
	}

	/**
	 * TOTP codes belong to 30-second steps: the clock only moves when a test moves it.
	 */
	@BeforeEach
	void freezeClock() {
		this.clock.freeze();
	}

	@AfterEach
	void closeBrowsers() throws IOException {
		if (this.receiver != null) {
			this.receiver.close();
		}
		this.browsers.close();
	}

	@Test
	void enrolTotpThenSignInWithCodeThenWithRecoveryCodeOnce() throws Exception {
		String username = registerUser("browser-mfa");
		String base = "http://localhost:" + this.port;
		this.receiver = CallbackReceiver.start();

		// Set up: sign in, open the second-factor page, scan (here: read) the key,
		// confirm with a first code.
		WebDriver laptop = this.browsers.start();
		laptop.get(base + "/login");
		HeadlessChromium.signIn(laptop, username, PASSWORD);
		awaitElement(laptop, By.id("second-factor-link")).click();
		WebElement secretElement = awaitElement(laptop, By.id("secret"));
		assertThat(laptop.findElements(By.cssSelector("svg.qr"))).hasSize(1);
		String secret = secretElement.getText().replace(" ", "");
		assertThat(secretElement.getAttribute("data-secret")).isEqualTo(secret);
		laptop.findElement(By.id("code")).sendKeys(code(secret));
		laptop.findElement(By.id("enrol")).click();
		List<WebElement> codes = awaitElement(laptop, By.id("recovery-codes")).findElements(By.tagName("li"));
		assertThat(codes).hasSize(10);
		String recoveryCode = codes.get(0).getText();
		laptop.findElement(By.id("continue")).click();
		awaitElement(laptop, By.id("second-factor-link"));

		// Another device signs in to an app: password, then a code of the next 30
		// seconds.
		this.clock.advance(Duration.ofSeconds(30));
		WebDriver phone = this.browsers.start();
		AccountsTestBrowser tokenClient = newBrowser();
		Pkce pkce = Pkce.generate();
		phone.get(base + authorizeUrl(pkce));
		HeadlessChromium.signIn(phone, username, PASSWORD);
		awaitElement(phone, By.id("code")).sendKeys(code(secret));
		phone.findElement(By.id("verify")).click();
		new WebDriverWait(phone, Duration.ofSeconds(15))
			.until((d) -> d.getCurrentUrl().startsWith(this.receiver.redirectUri()));
		String tokens = tokenClient.redeemPublic("demo-mobile", AccountsTestBrowser.codeFrom(this.receiver.lastQuery()),
				pkce.verifier(), this.receiver.redirectUri());
		JWTClaimsSet idToken = Jwts.parse(field(tokens, "id_token")).getJWTClaimsSet();
		assertThat(idToken.getClaim("amr")).isEqualTo(List.of("pwd", "otp", "mfa"));
		assertThat(idToken.getClaim("acr")).isEqualTo("2");

		// A third device without the app: a recovery code signs in once.
		WebDriver tablet = this.browsers.start();
		tablet.get(base + "/login");
		HeadlessChromium.signIn(tablet, username, PASSWORD);
		awaitElement(tablet, By.id("code")).sendKeys(recoveryCode);
		tablet.findElement(By.id("verify")).click();
		awaitElement(tablet, By.id("second-factor-link"));

		WebDriver stolen = this.browsers.start();
		stolen.get(base + "/login");
		HeadlessChromium.signIn(stolen, username, PASSWORD);
		awaitElement(stolen, By.id("code")).sendKeys(recoveryCode);
		stolen.findElement(By.id("verify")).click();
		assertThat(awaitElement(stolen, By.id("error")).getText()).contains("used already");
		stolen.get(base + "/account");
		assertThat(stolen.getCurrentUrl()).contains("/login/second-factor");
	}

	private String code(String secret) {
		return Totp.code(Base32.decode(secret), Totp.step(this.clock.instant()));
	}

	private String authorizeUrl(Pkce pkce) {
		return "/oauth2/authorize?response_type=code&client_id=demo-mobile&redirect_uri="
				+ AccountsTestBrowser.url(this.receiver.redirectUri()) + "&scope=" + AccountsTestBrowser.url("openid")
				+ "&state=" + AccountsTestBrowser.randomValue() + "&" + pkce.requestParameters();
	}

}
