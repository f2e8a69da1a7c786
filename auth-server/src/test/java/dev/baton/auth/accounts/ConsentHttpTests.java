package dev.baton.auth.accounts;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.baton.auth.testsupport.Pkce;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consent page for clients that are not first-party, remembered in
 * {@code authorization_consent}.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConsentHttpTests extends AccountsHttpTestSupport {

	private static final Pattern STATE = Pattern.compile("name=\"state\" value=\"([^\"]+)\"");

	@Test
	void authorizeWhenThirdPartyThenConsentPageThenCodeAndConsentRemembered() {
		String username = registerUser("consent");
		AccountsTestBrowser browser = newBrowser();
		browser.signIn(username, PASSWORD);
		Pkce pkce = Pkce.generate();
		String authorize = "/oauth2/authorize?response_type=code&client_id=" + THIRD_PARTY_APP + "&redirect_uri="
				+ AccountsTestBrowser.url(AccountsTestBrowser.REDIRECT_URI) + "&scope="
				+ AccountsTestBrowser.url("openid profile notes.read") + "&state=client-state&"
				+ pkce.requestParameters();
		String consentUrl = AccountsTestBrowser.location(browser.get(authorize));
		assertThat(consentUrl).contains("/oauth2/consent?");
		HttpResponse<String> page = browser.get(consentUrl);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("wants to use your account")
			.contains("value=\"profile\"")
			.contains("value=\"notes.read\"")
			.doesNotContain("value=\"openid\"");
		Matcher state = STATE.matcher(page.body());
		assertThat(state.find()).isTrue();
		Map<String, String> form = new LinkedHashMap<>();
		form.put("client_id", THIRD_PARTY_APP);
		form.put("state", state.group(1).replace("&#39;", "'"));
		form.put("scope", "profile");
		form.put("_csrf", browser.csrf(consentUrl));
		HttpResponse<String> granted = browser.postForm("/oauth2/authorize", form);
		String callback = AccountsTestBrowser.location(granted);
		assertThat(callback).startsWith(AccountsTestBrowser.REDIRECT_URI).contains("state=client-state");
		String tokens = browser.redeem(THIRD_PARTY_APP, APP_SECRET, AccountsTestBrowser.codeFrom(callback),
				pkce.verifier());
		assertThat(field(tokens, "scope")).contains("profile").doesNotContain("notes.read");
		assertThat(this.jdbc.queryForObject("SELECT scopes FROM authorization_consent WHERE principal_name = ?",
				String.class, username))
			.contains("profile")
			.doesNotContain("notes.read");
		// Asking again for the granted scope goes straight to the client.
		String again = authorize.replace(AccountsTestBrowser.url("openid profile notes.read"),
				AccountsTestBrowser.url("openid profile"));
		assertThat(AccountsTestBrowser.location(browser.get(again))).startsWith(AccountsTestBrowser.REDIRECT_URI);
	}

	@Test
	void consentSubmissionWhenCsrfMissingThenForbiddenAndNothingGranted() {
		String username = registerUser("consentcsrf");
		AccountsTestBrowser browser = newBrowser();
		browser.signIn(username, PASSWORD);
		String authorize = "/oauth2/authorize?response_type=code&client_id=" + THIRD_PARTY_APP + "&redirect_uri="
				+ AccountsTestBrowser.url(AccountsTestBrowser.REDIRECT_URI) + "&scope="
				+ AccountsTestBrowser.url("openid profile") + "&state=client-state&"
				+ Pkce.generate().requestParameters();
		String consentUrl = AccountsTestBrowser.location(browser.get(authorize));
		Matcher state = STATE.matcher(browser.get(consentUrl).body());
		assertThat(state.find()).isTrue();
		Map<String, String> form = new LinkedHashMap<>();
		form.put("client_id", THIRD_PARTY_APP);
		form.put("state", state.group(1).replace("&#39;", "'"));
		form.put("scope", "profile");

		HttpResponse<String> refused = browser.postForm("/oauth2/authorize", form);

		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM authorization_consent WHERE principal_name = ?",
				Integer.class, username))
			.isZero();
	}

	/**
	 * Issue 13 item 9: a malformed consent request is a 400, and nothing for the log's
	 * ERROR level.
	 */
	@Test
	void consentPageWhenRequestMalformedThenBadRequestWithoutErrorLog(CapturedOutput output) {
		String username = registerUser("consentbad");
		AccountsTestBrowser browser = newBrowser();
		browser.authorize("demo-web", "demo-web-secret", "openid", username, PASSWORD);
		int logged = output.length();

		for (String query : new String[] { "", "?client_id=" + THIRD_PARTY_APP, "?state=s",
				"?client_id=nobody&state=s&scope=openid", "?client_id=" + THIRD_PARTY_APP + "&client_id=x&state=s",
				"?client_id=%FF%FE&state=s", "?client_id=" + THIRD_PARTY_APP + "&state=s&scope=%C3%28" }) {
			HttpResponse<String> response = browser.get("/oauth2/consent" + query);
			assertThat(response.statusCode()).as(query).isEqualTo(400);
			assertThat(response.body()).as(query).doesNotContain("Exception", "\tat ");
		}
		assertThat(output.toString().substring(logged)).doesNotContain(" ERROR ").doesNotContain("\tat ");
	}

	@Test
	void authorizeWhenFirstPartyThenNoConsentPage() {
		String username = registerUser("noconsent");
		AccountsTestBrowser browser = newBrowser();
		assertThat(browser.authorize("demo-web", "demo-web-secret", "openid profile", username, PASSWORD))
			.contains("access_token");
	}

}
