package dev.baton.auth.accounts;

import java.io.IOException;
import java.net.http.HttpResponse;

import dev.baton.auth.testsupport.TestMailServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import static dev.baton.auth.accounts.HeadlessChromium.awaitElement;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mail story in headless Chromium, with the mail delivered to a real SMTP server
 * started by the tests (GreenMail, {@link TestMailServer}): a person registers, confirms
 * the address from the mail, signs out, resets the forgotten password from the mail, and
 * signs in with the new one; the old one fails, and a refresh token issued before the
 * reset gets {@code invalid_grant}.
 * <p>
 * Runs on H2 only (tag {@code browser}). Without Chromium the test is skipped with a
 * message, unless {@code BATON_REQUIRE_BROWSER=true} (CI).
 */
@Tag("browser")
class MailBrowserEndToEndTests extends MailHttpTestSupport {

	private static final String NEW_PASSWORD = "my new browser passphrase";

	private final HeadlessChromium browsers = new HeadlessChromium();

	@BeforeAll
	static void requireChromium() {
		HeadlessChromium.require("mail browser end-to-end test");
	}

	@AfterEach
	void closeBrowsers() throws IOException {
		this.browsers.close();
	}

	@Test
	void registerVerifyAddressSignOutResetPasswordFromMailThenSignInWithTheNewOne() throws IOException {
		String username = newUsername("mailbrowser");
		String address = emailOf(username);
		WebDriver browser = this.browsers.start();

		// Register.
		browser.get(base() + "/login");
		browser.findElement(By.id("register-link")).click();
		awaitElement(browser, By.id("username")).sendKeys(username);
		browser.findElement(By.id("email")).sendKeys(address);
		browser.findElement(By.id("password")).sendKeys(PASSWORD);
		browser.findElement(By.id("confirmPassword")).sendKeys(PASSWORD);
		browser.findElement(By.id("create-account")).click();
		assertThat(awaitElement(browser, By.id("registered")).getText()).contains("confirm");

		// Confirm the address from the mail.
		browser.get(TestMailServer.awaitMail(address, VERIFICATION_SUBJECT, 1).link(ISSUER, base()));
		awaitElement(browser, By.id("confirm-email")).click();
		assertThat(awaitElement(browser, By.id("email-verified")).getText()).contains("confirmed");

		// Sign in, see the confirmed address, sign out.
		browser.get(base() + "/login");
		HeadlessChromium.signIn(browser, username, PASSWORD);
		assertThat(awaitElement(browser, By.id("email-status")).getText()).isEqualTo("confirmed");
		browser.findElement(By.cssSelector("header form button")).click();
		awaitElement(browser, By.id("forgot-password-link"));

		// An app holds a refresh token from before the reset.
		AccountsTestBrowser app = newBrowser();
		String tokens = app.authorize(EMAIL_APP, APP_SECRET, "openid email offline_access", username, PASSWORD);

		// Forgot password: ask for the link, follow it from the mail, set a new password.
		browser.findElement(By.id("forgot-password-link")).click();
		awaitElement(browser, By.id("email")).sendKeys(address);
		browser.findElement(By.id("send-reset-link")).click();
		assertThat(awaitElement(browser, By.id("reset-sent")).getText()).contains("If an account has this address");
		browser.get(TestMailServer.awaitMail(address, RESET_SUBJECT, 1).link(ISSUER, base()));
		awaitElement(browser, By.id("newPassword")).sendKeys(NEW_PASSWORD);
		browser.findElement(By.id("confirmPassword")).sendKeys(NEW_PASSWORD);
		browser.findElement(By.id("set-password")).click();
		assertThat(awaitElement(browser, By.id("password-reset")).getText()).contains("new password is set");

		// The old password fails, the new one works.
		HeadlessChromium.signIn(browser, username, PASSWORD);
		assertThat(awaitElement(browser, By.id("error")).getText()).contains("Wrong username or password");
		browser.findElement(By.id("username")).clear();
		HeadlessChromium.signIn(browser, username, NEW_PASSWORD);
		assertThat(awaitElement(browser, By.id("email-status")).getText()).isEqualTo("confirmed");
		assertThat(browser.getCurrentUrl()).endsWith("/account");

		// The refresh token from before the reset is dead.
		HttpResponse<String> refused = app.refresh("demo-web", "demo-web-secret", field(tokens, "refresh_token"));
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("invalid_grant");
	}

}
