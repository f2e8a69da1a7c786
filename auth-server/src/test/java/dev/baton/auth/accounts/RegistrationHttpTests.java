package dev.baton.auth.accounts;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /api/account/registrations} and the {@code /account/register} page. */
class RegistrationHttpTests extends AccountsHttpTestSupport {

	private HttpResponse<String> register(AccountsTestBrowser browser, String username, String email, String password) {
		return browser.json("POST", "/api/account/registrations",
				"{\"username\":\"" + username + "\",\"email\":\"" + email + "\",\"password\":\"" + password + "\"}",
				Map.of());
	}

	@Test
	void registerWhenValidThenCreatedAuditedAndAbleToSignIn() {
		String username = newUsername("new");
		HttpResponse<String> response = register(newBrowser(), username, username + "@example.com", PASSWORD);
		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(response.body()).contains("\"username\":\"" + username + "\"");
		assertThat(this.jdbc.queryForObject("SELECT password_hash FROM user_account WHERE username = ?", String.class,
				username))
			.startsWith("{bcrypt}");
		assertThat(auditCount("USER_REGISTERED", username)).isEqualTo(1);
		assertThat(AccountsTestBrowser.location(newBrowser().signIn(username, PASSWORD))).doesNotContain("/login");
	}

	@Test
	void registerWhenFieldsInvalidThenProblemNamesEachField() {
		HttpResponse<String> response = register(newBrowser(), "x", "not-an-address", "short");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).contains("\"username\":").contains("\"email\":").contains("\"password\":");
	}

	@Test
	void registerWhenPasswordCommonThenRejected() {
		HttpResponse<String> response = register(newBrowser(), newUsername("common"), "c@example.com", "password1234");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("\"password\":\"is too common");
	}

	@Test
	void registerWhenEmailTakenThenSameAnswerAsFreshAddressAndAddressNotAttached() {
		String first = registerUser("owner");
		String email = first + "@example.com";
		String second = newUsername("borrower");
		HttpResponse<String> taken = register(newBrowser(), second, email.toUpperCase(), PASSWORD);
		String third = newUsername("fresh");
		HttpResponse<String> fresh = register(newBrowser(), third, third + "@example.com", PASSWORD);
		assertThat(taken.statusCode()).isEqualTo(fresh.statusCode()).isEqualTo(201);
		assertThat(taken.body().replace(second, "U")).isEqualTo(fresh.body().replace(third, "U"));
		assertThat(this.jdbc.queryForObject("SELECT email FROM user_account WHERE username = ?", String.class, second))
			.isNull();
		assertThat(this.jdbc.queryForObject("SELECT email FROM user_account WHERE username = ?", String.class, first))
			.isEqualTo(email);
	}

	@Test
	void registerWhenUsernameTakenThenFieldErrorAndIpThrottledAfterTenProbes() {
		String username = registerUser("taken");
		AccountsTestBrowser prober = newBrowser();
		for (int i = 0; i < 10; i++) {
			HttpResponse<String> response = register(prober, username, "p" + i + "@example.com", PASSWORD);
			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(response.body()).contains("\"username\":\"is not available");
		}
		HttpResponse<String> throttled = register(prober, newUsername("free"), "free@example.com", PASSWORD);
		assertThat(throttled.statusCode()).isEqualTo(429);
		assertThat(register(newBrowser(), newUsername("free"), "free2@example.com", PASSWORD).statusCode())
			.isEqualTo(201);
	}

	@Test
	void registerWhenBodyMalformedThenProblemWithoutDetailsOfTheParser() {
		HttpResponse<String> response = newBrowser().json("POST", "/api/account/registrations",
				"{\"username\": [unclosed", Map.of());
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
		assertThat(response.body()).contains("\"status\":400").doesNotContain("Exception").doesNotContain("line:");
	}

	@Test
	void registerWhenNotJsonThenUnsupportedMediaType() {
		AccountsTestBrowser browser = newBrowser();
		HttpResponse<String> response = browser.postForm("/api/account/registrations",
				Map.of("username", newUsername("form"), "email", "f@example.com", "password", PASSWORD));
		assertThat(response.statusCode()).isEqualTo(415);
	}

	@Test
	void registerPageWhenSubmittedThenRedirectsToSignIn() {
		AccountsTestBrowser browser = newBrowser();
		String username = newUsername("page");
		HttpResponse<String> page = browser.get("/account/register");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("<html lang=\"en\">").contains("<label for=\"username\">");
		HttpResponse<String> response = browser.submit("/account/register", "/account/register", Map.of("username",
				username, "email", username + "@example.com", "password", PASSWORD, "confirmPassword", PASSWORD));
		assertThat(AccountsTestBrowser.location(response)).endsWith("/login?registered");
		HttpResponse<String> invalid = browser.submit("/account/register", "/account/register", Map.of("username",
				username, "email", "x@example.com", "password", PASSWORD, "confirmPassword", PASSWORD));
		assertThat(invalid.statusCode()).isEqualTo(400);
		assertThat(invalid.body()).contains("Username is not available");
	}

	/** Issue 13 item 10: account creation is throttled per IP. */
	@Test
	void registerWhenOneIpCreatedFiveAccountsThenRefusedWith429() {
		AccountsTestBrowser flooder = newBrowser();
		for (int i = 0; i < 5; i++) {
			String username = newUsername("flood");
			assertThat(register(flooder, username, username + "@example.com", PASSWORD).statusCode()).isEqualTo(201);
		}
		String sixth = newUsername("flood");

		HttpResponse<String> refused = register(flooder, sixth, sixth + "@example.com", PASSWORD);

		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(
				this.jdbc.queryForObject("SELECT COUNT(*) FROM user_account WHERE username = ?", Integer.class, sixth))
			.isZero();
		String elsewhere = newUsername("flood");
		assertThat(register(newBrowser(), elsewhere, elsewhere + "@example.com", PASSWORD).statusCode()).isEqualTo(201);
	}

	/**
	 * Issue 13 item 14: one round trip shows every problem, the repeated password and a
	 * taken name included.
	 */
	@Test
	void registerPageWhenSeveralFieldsWrongThenAllReportedAtOnce() {
		String taken = registerUser("takenpage");
		AccountsTestBrowser browser = newBrowser();

		HttpResponse<String> invalid = browser.submit("/account/register", "/account/register",
				Map.of("username", "x", "email", "not-an-address", "password", "short", "confirmPassword", "other"));
		HttpResponse<String> takenName = browser.submit("/account/register", "/account/register", Map.of("username",
				taken, "email", "not-an-address", "password", PASSWORD, "confirmPassword", PASSWORD));

		assertThat(invalid.statusCode()).isEqualTo(400);
		assertThat(invalid.body()).contains("id=\"username-error\"")
			.contains("id=\"email-error\"")
			.contains("id=\"password-error\"")
			.contains("id=\"confirmPassword-error\"");
		assertThat(takenName.statusCode()).isEqualTo(400);
		assertThat(takenName.body()).contains("Username is not available").contains("id=\"email-error\"");
	}

}
