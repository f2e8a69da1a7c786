package dev.baton.auth.accounts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.baton.auth.mfa.Base32;
import dev.baton.auth.mfa.Totp;
import dev.baton.auth.testsupport.BatonServerTests;
import dev.baton.auth.testsupport.Jwts;
import dev.baton.auth.testsupport.Pkce;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.baton.auth.accounts.HeadlessChromium.awaitElement;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Passkeys in headless Chromium with its virtual authenticator (the WebDriver virtual
 * authenticator API): a user adds a passkey on the account page, signs in to an app with
 * it alone (the ID token says {@code amr: ["hwk"]}), turns on TOTP and then uses the
 * passkey as the second factor after the password ({@code pwd hwk mfa}), and removes it,
 * after which it no longer signs in.
 * <p>
 * A WebAuthn origin is scheme, host and port, so this server listens on a port picked
 * before it starts (free at that moment), which {@code baton.passkeys.allowed-origins}
 * names. H2 only (tag {@code browser}).
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
		properties = { "baton.issuer=" + BatonServerTests.ISSUER, "logging.level.dev.baton=INFO",
				"baton.cleanup.initial-delay=PT24H", "server.tomcat.remoteip.trusted-proxies=127.0.0.1/32" })
class PasskeyBrowserEndToEndTests extends AccountsHttpTestSupport {

	private static final int PORT = freePort();

	private final HeadlessChromium browsers = new HeadlessChromium();

	private CallbackReceiver receiver;

	@DynamicPropertySource
	static void passkeyOrigin(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
		registry.add("baton.passkeys.allowed-origins", () -> "http://localhost:" + PORT);
	}

	@BeforeAll
	static void requireChromium() {
		HeadlessChromium.require("passkey browser test");
	}

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
	void addPasskeyThenSignInWithItAloneThenAsSecondFactorThenRemoveIt() throws Exception {
		String username = registerUser("browser-passkey");
		String base = "http://localhost:" + this.port;
		this.receiver = CallbackReceiver.start();
		WebDriver laptop = this.browsers.start();
		VirtualAuthenticator authenticator = ((HasVirtualAuthenticator) laptop).addVirtualAuthenticator(
				new VirtualAuthenticatorOptions().setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
					.setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
					.setHasResidentKey(true)
					.setHasUserVerification(true)
					.setIsUserVerified(true)
					.setIsUserConsenting(true));

		// Add a passkey on the account page.
		laptop.get(base + "/login");
		HeadlessChromium.signIn(laptop, username, PASSWORD);
		awaitElement(laptop, By.id("passkeys-link")).click();
		awaitElement(laptop, By.id("passkey-label")).sendKeys("Test laptop");
		laptop.findElement(By.id("passkey-register")).click();
		awaitElement(laptop, By.id("passkey-registered"));
		assertThat(laptop.findElements(By.cssSelector("tr.passkey[data-label='Test laptop']"))).hasSize(1);
		assertThat(authenticator.getCredentials()).hasSize(1);
		signOut(laptop);

		// Sign in to an app with the passkey alone.
		Pkce pkce = Pkce.generate();
		laptop.get(base + authorizeUrl(pkce));
		awaitElement(laptop, By.id("passkey-sign-in")).click();
		JWTClaimsSet idToken = idToken(laptop, pkce.verifier());
		assertThat(idToken.getClaim("amr")).isEqualTo(List.of("hwk"));
		assertThat(idToken.getClaim("acr")).isEqualTo("1");

		// Turn on TOTP; then the passkey serves as the second factor after the password.
		laptop.get(base + "/account/second-factor");
		String secret = awaitElement(laptop, By.id("secret")).getAttribute("data-secret");
		laptop.findElement(By.id("code")).sendKeys(Totp.code(Base32.decode(secret), Totp.step(this.clock.instant())));
		laptop.findElement(By.id("enrol")).click();
		awaitElement(laptop, By.id("recovery-codes"));
		signOut(laptop);
		Pkce pkce2 = Pkce.generate();
		laptop.get(base + authorizeUrl(pkce2));
		HeadlessChromium.signIn(laptop, username, PASSWORD);
		// the sign-in page has a passkey button too: wait for the second step's page
		// before clicking its one
		new WebDriverWait(laptop, Duration.ofSeconds(15))
			.until((d) -> d.getCurrentUrl().contains("/login/second-factor"));
		awaitElement(laptop, By.id("passkey-sign-in")).click();
		JWTClaimsSet stepped = idToken(laptop, pkce2.verifier());
		assertThat(stepped.getClaim("amr")).isEqualTo(List.of("pwd", "hwk", "mfa"));
		assertThat(stepped.getClaim("acr")).isEqualTo("2");

		// Remove it: it no longer signs in.
		laptop.get(base + "/account/passkeys");
		awaitElement(laptop, By.cssSelector("button.remove-passkey")).click();
		awaitElement(laptop, By.id("passkey-removed"));
		assertThat(laptop.findElements(By.cssSelector("tr.passkey"))).isEmpty();
		assertThat(auditCount("PASSKEY_REGISTERED", username)).isEqualTo(1);
		assertThat(auditCount("PASSKEY_REMOVED", username)).isEqualTo(1);
		signOut(laptop);
		laptop.get(base + "/login");
		awaitElement(laptop, By.id("passkey-sign-in")).click();
		new WebDriverWait(laptop, Duration.ofSeconds(15)).until((d) -> d.getCurrentUrl().endsWith("/login?error"));
	}

	private JWTClaimsSet idToken(WebDriver driver, String verifier) throws Exception {
		new WebDriverWait(driver, Duration.ofSeconds(15))
			.until((d) -> d.getCurrentUrl().startsWith(this.receiver.redirectUri()));
		String tokens = newBrowser().redeemPublic("demo-mobile",
				AccountsTestBrowser.codeFrom(this.receiver.lastQuery()), verifier, this.receiver.redirectUri());
		return Jwts.parse(field(tokens, "id_token")).getJWTClaimsSet();
	}

	private static void signOut(WebDriver driver) {
		driver.findElement(By.cssSelector("header form button")).click();
		new WebDriverWait(driver, Duration.ofSeconds(15)).until((d) -> d.getCurrentUrl().contains("/login?logout"));
	}

	private String authorizeUrl(Pkce pkce) {
		return "/oauth2/authorize?response_type=code&client_id=demo-mobile&redirect_uri="
				+ AccountsTestBrowser.url(this.receiver.redirectUri()) + "&scope=" + AccountsTestBrowser.url("openid")
				+ "&state=" + AccountsTestBrowser.randomValue() + "&" + pkce.requestParameters();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
