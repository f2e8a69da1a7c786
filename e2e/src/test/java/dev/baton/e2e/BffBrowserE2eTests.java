package dev.baton.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

import static dev.baton.e2e.HeadlessChromium.awaitElement;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * bff-demo in real headless Chromium, with Baton and resource-server-demo: alice signs in
 * through Baton's login page, reads and adds notes through the bff, and nothing the
 * page's script can reach (cookies, web storage, the bodies of the responses it receives,
 * the page itself) holds a token of hers. Signing that device out in Baton's "your
 * devices" page then ends the bff's session through back-channel logout.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BffBrowserE2eTests {

	/** A compact JWS: an access or ID token, whoever it belongs to. */
	private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

	/**
	 * Keeps a copy of every response body the page's fetch calls receive, for the test to
	 * read.
	 */
	private static final String RECORD_FETCH_BODIES = """
			window.__bodiesSeen = [];
			const originalFetch = window.fetch;
			window.fetch = async (...args) => {
				const response = await originalFetch(...args);
				response.clone().text().then((text) => window.__bodiesSeen.push(text));
				return response;
			};""";

	/**
	 * How long back-channel logout may take to end the session before the test gives up
	 * (no timing assertion).
	 */
	private static final Duration SIGN_OUT_WAIT = Duration.ofSeconds(30);

	private BatonWithBff stack;

	private HeadlessChromium browsers;

	@BeforeAll
	void start() throws Exception {
		HeadlessChromium.require(getClass().getSimpleName());
		this.stack = BatonWithBff.start(new ShiftableClock());
		this.browsers = new HeadlessChromium();
	}

	@AfterAll
	void stop() throws Exception {
		if (this.browsers != null) {
			this.browsers.close();
		}
		if (this.stack != null) {
			this.stack.close();
		}
	}

	@Test
	void aliceWhenSignedInThenNotesWithoutTokensInThePageAndSigningTheDeviceOutEndsTheSession() throws Exception {
		ChromeDriver browser = this.browsers.start();
		browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", RECORD_FETCH_BODIES));
		String bff = this.stack.bffBaseUrl;

		browser.get(bff + "/");
		awaitElement(browser, By.id("sign-in")).click();
		HeadlessChromium.signIn(browser, "alice", "alice-demo-password");
		assertThat(awaitElement(browser, By.id("user-name")).getText()).isEqualTo("Alice Example");
		assertThat(browser.getCurrentUrl()).isEqualTo(bff + "/");

		// the page's script reads the notes through the bff, then adds one
		assertThat(awaitText(browser, "notes-status", "No notes yet.")).isTrue();
		browser.findElement(By.id("note-text")).sendKeys("relay practice");
		browser.findElement(By.id("add-note")).click();
		assertThat(awaitElement(browser, By.cssSelector("#notes li.note")).getText()).isEqualTo("relay practice");
		assertThat(awaitText(browser, "notes-status", "1 note(s)")).isTrue();

		// the bff holds alice's tokens; the page holds none of them
		List<String> held = this.stack.heldTokenValues();
		assertThat(held).as("access, refresh and ID token of one session").hasSize(3);
		String cookies = (String) browser.executeScript("return document.cookie;");
		assertThat(cookies).as("only the CSRF cookie is readable")
			.startsWith("XSRF-TOKEN=")
			.doesNotContain("BFF_SESSION");
		assertThat(browser.executeScript("return localStorage.length + sessionStorage.length;")).isEqualTo(0L);
		@SuppressWarnings("unchecked")
		List<String> bodies = (List<String>) browser.executeScript("return window.__bodiesSeen;");
		assertThat(bodies).as("GET, POST and GET of /api/notes")
			.hasSizeGreaterThanOrEqualTo(3)
			.anySatisfy((body) -> assertThat(body).contains("relay practice"));
		String page = browser.getPageSource();
		for (String seen : concat(List.of(cookies, page), bodies)) {
			assertThat(JWT.matcher(seen).find()).as("a JWT in %s", seen).isFalse();
			for (String token : held) {
				assertThat(seen).doesNotContain(token);
			}
		}

		// Baton's "your devices": sign out this app's session
		String family = this.stack.apps.jdbc()
			.queryForObject("SELECT id FROM token_family WHERE client_id = ? AND revoked_at IS NULL", String.class,
					BatonWithBff.CLIENT_ID);
		browser.get(this.stack.apps.issuer + "/account/sessions");
		awaitElement(browser, By.cssSelector("tr[data-session-id='" + family + "'] button.sign-out")).click();
		assertThat(awaitElement(browser, By.id("signed-out")).getText()).contains("signed out");

		// back-channel logout ends the bff's session: its page shows the sign-in link
		// again
		assertThat(bffPageSignedOut(browser, bff)).as("the bff's page signed out within %s", SIGN_OUT_WAIT).isTrue();
		assertThat(this.stack.heldTokenValues()).isEmpty();
	}

	/** Reloads the bff's page until it shows the sign-in link, or the wait is over. */
	private static boolean bffPageSignedOut(ChromeDriver browser, String bff) throws InterruptedException {
		Instant giveUp = Instant.now().plus(SIGN_OUT_WAIT);
		while (Instant.now().isBefore(giveUp)) {
			browser.get(bff + "/");
			if (!browser.findElements(By.id("sign-in")).isEmpty()) {
				return true;
			}
			Thread.sleep(250);
		}
		return false;
	}

	private static boolean awaitText(ChromeDriver browser, String id, String text) {
		return new org.openqa.selenium.support.ui.WebDriverWait(browser, HeadlessChromium.PAGE_WAIT)
			.until((driver) -> text.equals(driver.findElement(By.id(id)).getText()));
	}

	private static List<String> concat(List<String> first, List<String> second) {
		return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
	}

}
