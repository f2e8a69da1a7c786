package dev.baton.auth.accounts;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.baton.auth.client.Client;
import dev.baton.auth.client.ClientRepository;
import dev.baton.auth.client.ClientSecretEncoder;
import dev.baton.auth.testsupport.BatonServerTests;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The accounts HTTP tests: the shared {@link BatonServerTests} server (H2, and MariaDB in
 * the {@code mariadb} run), with the demo data and two test clients of their own. Each
 * test uses fresh usernames and its own client IPs, so the tests neither depend on nor
 * disturb what the other HTTP tests of the shared server do.
 */
abstract class AccountsHttpTestSupport extends BatonServerTests {

	static final String PASSWORD = "correct horse battery";

	/** Registered with scope {@code baton.account}, first-party. */
	static final String ACCOUNT_APP = "accounts-test-app";

	/** Not first-party: the user is asked for consent. */
	static final String THIRD_PARTY_APP = "accounts-third-party-app";

	static final String APP_SECRET = "accounts-test-app-secret";

	private static final AtomicInteger ips = new AtomicInteger();

	private static final Pattern STRING_FIELD = Pattern.compile("\"([a-zA-Z_]+)\"\\s*:\\s*\"([^\"]*)\"");

	@Autowired
	ClientRepository clients;

	@BeforeEach
	void registerTestClients() {
		insertClientIfMissing(ACCOUNT_APP, true, "openid", "profile", "offline_access", "baton.account");
		insertClientIfMissing(THIRD_PARTY_APP, false, "openid", "profile", "offline_access", "notes.read");
	}

	private void insertClientIfMissing(String clientId, boolean firstParty, String... scopes) {
		if (this.clients.findByClientId(clientId).isPresent()) {
			return;
		}
		this.clients.insert(Client.withClientId(clientId)
			.clientName((firstParty ? "Accounts test app " : "Third-party app ") + clientId)
			.clientSecretHash(new ClientSecretEncoder().encode(APP_SECRET))
			.authenticationMethods(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.grantTypes(AuthorizationGrantType.AUTHORIZATION_CODE, AuthorizationGrantType.REFRESH_TOKEN)
			.redirectUris(AccountsTestBrowser.REDIRECT_URI)
			.scopes(scopes)
			// the demo API and Baton's own (issuer): the account API needs a token for
			// Baton (issue 13 item 4)
			.audiences("http://localhost:8080", ISSUER)
			.requireProofKey(true)
			.firstParty(firstParty)
			.createdAt(this.clock.instant())
			.build());
	}

	/** A browser coming from an IP no other test uses. */
	AccountsTestBrowser newBrowser() {
		return new AccountsTestBrowser(this.port, nextIp());
	}

	static String nextIp() {
		int n = ips.incrementAndGet();
		return "198.51." + (n / 250) + "." + (1 + n % 250);
	}

	static String newUsername(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	/** Registers through the JSON API and returns the username. */
	String registerUser(String prefix) {
		return registerUser(newUsername(prefix), PASSWORD);
	}

	/** Registers exactly this username through the JSON API. */
	String registerUser(String username, String password) {
		HttpResponse<String> response = newBrowser().json("POST", "/api/account/registrations", "{\"username\":\""
				+ username + "\",\"email\":\"" + username + "@example.com\",\"password\":\"" + password + "\"}",
				Map.of());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return username;
	}

	static String field(String json, String name) {
		Matcher matcher = STRING_FIELD.matcher(json);
		while (matcher.find()) {
			if (matcher.group(1).equals(name)) {
				return matcher.group(2);
			}
		}
		throw new IllegalStateException("No \"" + name + "\" in " + json);
	}

	/** Claim {@code sid} of an access token: the id of its token family. */
	static String familyOf(String accessToken) {
		String payload = new String(java.util.Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]),
				java.nio.charset.StandardCharsets.UTF_8);
		return field(payload, "sid");
	}

	/**
	 * Events of the user: those naming the account id (the {@code sub}), and failed
	 * sign-ins, which name the username as typed.
	 */
	int auditCount(String type, String username) {
		Integer count = this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM audit_event WHERE type = ? AND subject IN (?, ?)", Integer.class, type, username,
				subjectOf(username));
		return (count != null) ? count : 0;
	}

	/**
	 * The account id of a username: the {@code sub} of the user's tokens and the subject
	 * of families and events.
	 */
	String subjectOf(String username) {
		return this.jdbc.queryForObject("SELECT id FROM user_account WHERE username = ?", String.class, username);
	}

}
