package dev.baton.auth.accounts;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import dev.baton.auth.client.Client;
import dev.baton.auth.client.ClientSecretEncoder;
import dev.baton.auth.testsupport.TestMailServer;
import dev.baton.auth.testsupport.TestMailServer.ReceivedMail;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mail HTTP tests (verification, reset, profile, deletion): the accounts test server,
 * whose mail reaches the tests' SMTP server ({@link TestMailServer}), and a client that
 * requires verified addresses.
 */
abstract class MailHttpTestSupport extends AccountsHttpTestSupport {

	/**
	 * First-party, scopes {@code openid profile email offline_access},
	 * {@code require_verified_email}.
	 */
	static final String VERIFIED_ONLY_APP = "accounts-verified-only-app";

	/**
	 * Like {@link #VERIFIED_ONLY_APP} without the restriction: an app that reads the
	 * address claims (the demo clients' scopes are the contract's, without
	 * {@code email}).
	 */
	static final String EMAIL_APP = "accounts-email-app";

	static final String VERIFICATION_SUBJECT = "Confirm your e-mail address";

	static final String RESET_SUBJECT = "Reset your Baton password";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@BeforeEach
	void registerEmailClients() {
		registerEmailClient(VERIFIED_ONLY_APP, true);
		registerEmailClient(EMAIL_APP, false);
	}

	private void registerEmailClient(String clientId, boolean requireVerifiedEmail) {
		if (this.clients.findByClientId(clientId).isPresent()) {
			return;
		}
		this.clients.insert(Client.withClientId(clientId)
			.clientName(requireVerifiedEmail ? "Verified-only app" : "E-mail app")
			.clientSecretHash(new ClientSecretEncoder().encode(APP_SECRET))
			.authenticationMethods(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.grantTypes(AuthorizationGrantType.AUTHORIZATION_CODE, AuthorizationGrantType.REFRESH_TOKEN)
			.redirectUris(AccountsTestBrowser.REDIRECT_URI)
			.scopes("openid", "profile", "email", "offline_access")
			.audiences("http://localhost:8080")
			.requireProofKey(true)
			.firstParty(true)
			.requireVerifiedEmail(requireVerifiedEmail)
			.createdAt(this.clock.instant())
			.build());
	}

	static String emailOf(String username) {
		return username + "@example.com";
	}

	String base() {
		return "http://localhost:" + this.port;
	}

	/**
	 * The link of the last mail with this subject to the address, pointing at the test
	 * server.
	 */
	String linkFromMail(String address, String subject, int count) {
		return TestMailServer.awaitMail(address, subject, count).link(ISSUER, base());
	}

	/**
	 * Confirms the verification link as its page's form does (the CSRF token read from
	 * the sign-in page, so a used or expired link, whose page has no form, can be posted
	 * all the same).
	 */
	HttpResponse<String> useVerificationLink(String link) {
		AccountsTestBrowser browser = newBrowser();
		String token = link.substring(link.indexOf("?token=") + 7);
		return browser.submit("/login", "/account/email/verify", Map.of("token", token));
	}

	/** Verifies the address the registration mail went to. */
	void verifyRegistrationMail(String username) {
		HttpResponse<String> verified = useVerificationLink(linkFromMail(emailOf(username), VERIFICATION_SUBJECT, 1));
		assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
		assertThat(verified.body()).contains("id=\"email-verified\"");
	}

	static JsonNode json(String body) {
		return JSON.readTree(body);
	}

	/** The claims of a JWT (no signature check: the protocol tests do that). */
	static JsonNode claims(String jwt) {
		return json(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
	}

	static ReceivedMail lastMail(String address, String subject, int count) {
		return TestMailServer.awaitMail(address, subject, count);
	}

}
