package dev.baton.auth.accounts;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import dev.baton.auth.client.Client;
import dev.baton.auth.client.ClientSecretEncoder;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13 item 8: failed client authentication is throttled per client id in the
 * database (every node agrees), audited, and the answer stays {@code 401 invalid_client}.
 * A client of its own, so the demo clients of the other tests are never locked.
 */
class ClientAuthenticationThrottleHttpTests extends AccountsHttpTestSupport {

	private static final String CLIENT = "throttled-service";

	@Test
	void tokenWhenClientSecretGuessedTenTimesThenRightSecretRefusedUntilLockEnds() {
		if (this.clients.findByClientId(CLIENT).isEmpty()) {
			this.clients.insert(Client.withClientId(CLIENT)
				.clientName("Throttled service")
				.clientSecretHash(new ClientSecretEncoder().encode(APP_SECRET))
				.authenticationMethods(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
				.grantTypes(AuthorizationGrantType.CLIENT_CREDENTIALS)
				.scopes("notes.read")
				.audiences("http://localhost:8080")
				.firstParty(true)
				.createdAt(this.clock.instant())
				.build());
		}
		AccountsTestBrowser attacker = newBrowser();
		for (int i = 0; i < 10; i++) {
			HttpResponse<String> guess = token(attacker, "guess-" + i);
			assertThat(guess.statusCode()).isEqualTo(401);
			assertThat(guess.body()).contains("invalid_client");
		}

		HttpResponse<String> locked = token(newBrowser(), APP_SECRET);

		assertThat(locked.statusCode()).isEqualTo(401);
		assertThat(locked.body()).contains("invalid_client");
		assertThat(locked.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Basic");
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM audit_event WHERE type = "
						+ "'CLIENT_AUTHENTICATION_FAILED' AND client_id = ? AND detail = 'BAD_CREDENTIALS'",
				Integer.class, CLIENT))
			.isEqualTo(10);
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM audit_event WHERE type = "
						+ "'CLIENT_AUTHENTICATION_FAILED' AND client_id = ? AND detail = 'THROTTLED'",
				Integer.class, CLIENT))
			.isEqualTo(1);
		this.clock.advance(Duration.ofSeconds(31));
		assertThat(token(newBrowser(), APP_SECRET).statusCode()).isEqualTo(200);
	}

	private HttpResponse<String> token(AccountsTestBrowser browser, String secret) {
		String basic = Base64.getEncoder().encodeToString((CLIENT + ":" + secret).getBytes(StandardCharsets.UTF_8));
		try {
			return HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(browser.base() + "/oauth2/token"))
					.header("Authorization", "Basic " + basic)
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=notes.read"))
					.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException | InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
