package dev.baton.auth.accounts;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Brute-force protection and enumeration resistance of {@code POST /login}. */
class SignInThrottlingHttpTests extends AccountsHttpTestSupport {

	@Test
	void signInWhenOneIpFailedFiveTimesForAccountThenThatIpLockedEvenWithRightPassword() {
		String username = registerUser("locked");
		AccountsTestBrowser attacker = newBrowser();
		for (int i = 0; i < 5; i++) {
			HttpResponse<String> failed = attacker.signIn(username, "wrong password " + i);
			assertThat(AccountsTestBrowser.location(failed)).endsWith("/login?error");
		}
		HttpResponse<String> refused = attacker.signIn(username, PASSWORD);
		assertThat(AccountsTestBrowser.location(refused)).endsWith("/login?locked");
		HttpResponse<String> page = attacker.get("/login?locked");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Too many failed sign-ins").contains("change your password").contains(" UTC");
		assertThat(attacker.get("/account").statusCode()).isEqualTo(302);
		assertThat(auditCount("SIGN_IN_FAILED", username)).isEqualTo(6);
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM audit_event WHERE subject = ? AND type = 'SIGN_IN_FAILED' AND detail = 'THROTTLED' "
						+ "AND ip IS NOT NULL AND user_agent IS NOT NULL",
				Integer.class, subjectOf(username)))
			.isEqualTo(1);
		// five failures from one place do not lock the owner elsewhere
		assertThat(AccountsTestBrowser.location(newBrowser().signIn(username, PASSWORD))).doesNotContain("/login");
	}

	/**
	 * Issue 13 item 2: an attacker rotating IPs reaches the username's ceiling and locks
	 * it for unknown browsers, but the owner's browser, which signed in before, still
	 * signs in with the right password.
	 */
	@Test
	void signInWhenAttackerRotatesIpsThenOwnersKnownBrowserStillSignsIn() {
		String username = registerUser("owner");
		AccountsTestBrowser owner = newBrowser();
		assertThat(AccountsTestBrowser.location(owner.signIn(username, PASSWORD))).doesNotContain("/login");
		for (int i = 0; i < 25; i++) {
			newBrowser().signIn(username, "wrong password " + i);
		}

		assertThat(AccountsTestBrowser.location(newBrowser().signIn(username, PASSWORD)))
			.as("a browser never used by the owner")
			.endsWith("/login?locked");
		HttpResponse<String> ownerAgain = owner.signIn(username, PASSWORD);

		assertThat(AccountsTestBrowser.location(ownerAgain)).doesNotContain("/login");
		assertThat(owner.get("/account").statusCode()).isEqualTo(200);
	}

	/**
	 * Issue 13 item 10: what is typed into the username field is stored only when it
	 * names an account.
	 */
	@Test
	void signInWhenUsernameUnknownThenTypedNameNeitherAuditedNorCounted() {
		String typed = "Sup3r-Secret-" + newUsername("pw");
		AccountsTestBrowser browser = newBrowser();

		browser.signIn(typed, "whatever");

		assertThat(this.database.allValues())
			.noneMatch((value) -> value.value().toString().toLowerCase().contains(typed.toLowerCase()));
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE type = 'SIGN_IN_FAILED' "
				+ "AND subject IS NULL AND detail = 'UNKNOWN_USERNAME'", Integer.class))
			.isPositive();
	}

	/**
	 * Issue 13 item 1: a forwarded address that is not an IP literal is not stored as
	 * one.
	 */
	@Test
	void signInWhenForwardedForIsNotAnIpThenNoIpStored() {
		String username = registerUser("junkip");
		AccountsTestBrowser browser = new AccountsTestBrowser(this.port, "not-an-ip<script>");

		browser.signIn(username, "wrong password");

		assertThat(this.jdbc.queryForList("SELECT ip FROM audit_event WHERE subject = ? AND type = 'SIGN_IN_FAILED'",
				String.class, subjectOf(username)))
			.containsExactly((String) null);
	}

	@Test
	void signInWhenIpFailedTwentyTimesThenLockedForEveryAccountFromThatIp() {
		String username = registerUser("ipvictim");
		AccountsTestBrowser attacker = newBrowser();
		for (int i = 0; i < 20; i++) {
			assertThat(AccountsTestBrowser.location(attacker.signIn(newUsername("guess"), "wrong password")))
				.endsWith("/login?error");
		}
		assertThat(AccountsTestBrowser.location(attacker.signIn(username, PASSWORD))).endsWith("/login?locked");
		AccountsTestBrowser elsewhere = newBrowser();
		assertThat(AccountsTestBrowser.location(elsewhere.signIn(username, PASSWORD))).doesNotContain("/login");
		assertThat(auditCount("SIGN_IN_SUCCEEDED", username)).isEqualTo(1);
	}

	@Test
	void signInWhenSucceededThenAccountCountStartsOver() {
		String username = registerUser("reset");
		AccountsTestBrowser browser = newBrowser();
		for (int i = 0; i < 4; i++) {
			browser.signIn(username, "wrong password");
		}
		assertThat(AccountsTestBrowser.location(browser.signIn(username, PASSWORD))).doesNotContain("/login");
		AccountsTestBrowser next = newBrowser();
		for (int i = 0; i < 4; i++) {
			next.signIn(username, "wrong password");
		}
		assertThat(AccountsTestBrowser.location(next.signIn(username, PASSWORD))).doesNotContain("/login");
	}

	@Test
	void signInWhenUsernameUnknownThenAnswerLikeWrongPassword() {
		String username = registerUser("known");
		AccountsTestBrowser browser = newBrowser();
		HttpResponse<String> wrongPassword = browser.signIn(username, "wrong password");
		HttpResponse<String> unknownUser = browser.signIn(newUsername("nobody"), "wrong password");
		assertThat(wrongPassword.statusCode()).isEqualTo(unknownUser.statusCode()).isEqualTo(302);
		assertThat(AccountsTestBrowser.location(wrongPassword)).isEqualTo(AccountsTestBrowser.location(unknownUser));
		assertThat(wrongPassword.body()).isEqualTo(unknownUser.body());
		String page = browser.get("/login?error").body();
		assertThat(page).contains("Wrong username or password.");
	}

	@Test
	void signInWhenAttemptedThenAuditNeverHoldsThePassword() {
		String username = registerUser("nopass");
		newBrowser().signIn(username, "a-very-distinctive-wrong-password");
		newBrowser().signIn(username, PASSWORD);
		List<Map<String, Object>> rows = this.jdbc.queryForList("SELECT * FROM audit_event WHERE subject IN (?, ?)",
				username, subjectOf(username));
		assertThat(rows).hasSizeGreaterThanOrEqualTo(3);
		assertThat(rows.toString()).doesNotContain("a-very-distinctive-wrong-password").doesNotContain(PASSWORD);
	}

}
