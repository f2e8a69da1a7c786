package dev.baton.auth.web;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.baton.auth.client.Client;
import dev.baton.auth.client.ClientRepository;
import dev.baton.auth.client.ClientSecretEncoder;
import dev.baton.auth.testsupport.BatonHttpClient;
import dev.baton.auth.testsupport.BatonServerTests;
import dev.baton.auth.testsupport.Form;
import dev.baton.auth.testsupport.HttpResult;
import dev.baton.auth.testsupport.Jwts;
import dev.baton.auth.testsupport.Pkce;
import dev.baton.auth.testsupport.TestClient;
import dev.baton.auth.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OpenID Connect Core §3.1.2.1 request parameters {@code prompt} and {@code max_age} at
 * the authorization endpoint: {@code prompt=none} never shows a page,
 * {@code prompt=login} and an exceeded {@code max_age} force a fresh sign-in (a new
 * {@code auth_time}), {@code prompt=consent} shows the consent page even to a first-party
 * app.
 */
class OidcPromptHttpTests extends BatonServerTests {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	private static final Pattern STATE = Pattern.compile("name=\"state\" value=\"([^\"]+)\"");

	private static final TestClient THIRD_PARTY = new TestClient("prompt-third-party-app", "prompt-third-party-secret");

	@Autowired
	private ClientRepository clients;

	private static String authorizeUrl(TestClient client, String scope, String... extra) {
		StringBuilder url = new StringBuilder("/oauth2/authorize?response_type=code&client_id=")
			.append(client.clientId())
			.append("&redirect_uri=")
			.append(Form.encodeValue(BatonHttpClient.REDIRECT_URI))
			.append("&scope=")
			.append(Form.encodeValue(scope))
			.append("&state=st-1&")
			.append(Pkce.RFC_7636_EXAMPLE.requestParameters());
		for (int i = 0; i < extra.length; i += 2) {
			url.append('&').append(extra[i]).append('=').append(Form.encodeValue(extra[i + 1]));
		}
		return url.toString();
	}

	@Test
	void authorizeWhenPromptNoneWithoutSignInThenLoginRequiredAtRedirectUri() {
		HttpResult response = this.http.get(authorizeUrl(TestClient.WEB, "openid profile", "prompt", "none"));

		assertThat(response.status()).isEqualTo(302);
		URI location = response.location();
		assertThat(location.toString()).startsWith(BatonHttpClient.REDIRECT_URI + "?");
		assertThat(BatonHttpClient.queryParameters(location)).containsEntry("error", "login_required")
			.containsEntry("state", "st-1")
			.containsEntry("iss", ISSUER)
			.doesNotContainKey("code");
	}

	@Test
	void authorizeWhenPromptNoneWithoutOpenidScopeAndWithoutSignInThenStillNoLoginPage() {
		HttpResult response = this.http.get(authorizeUrl(TestClient.WEB, "notes.read", "prompt", "none"));

		assertThat(response.status()).isEqualTo(302);
		assertThat(response.location().toString()).startsWith(BatonHttpClient.REDIRECT_URI + "?");
		assertThat(BatonHttpClient.queryParameters(response.location())).containsEntry("error", "login_required")
			.containsEntry("state", "st-1");
	}

	@Test
	void authorizeWhenPromptNoneWithUnregisteredRedirectUriThenErrorPageNotRedirect() {
		String url = authorizeUrl(TestClient.WEB, "openid", "prompt", "none")
			.replace(Form.encodeValue(BatonHttpClient.REDIRECT_URI), Form.encodeValue("https://evil.example/cb"));

		HttpResult response = this.http.get(url);

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.header("Location")).isNull();
	}

	@Test
	void authorizeWhenPromptNoneWithSignInThenCodeWithoutPage() {
		this.http.signIn(TestClient.WEB);

		HttpResult response = this.http.get(authorizeUrl(TestClient.WEB, "openid profile", "prompt", "none"));

		assertThat(response.status()).isEqualTo(302);
		assertThat(BatonHttpClient.queryParameters(response.location())).containsKey("code")
			.containsEntry("state", "st-1");
	}

	@Test
	void authorizeWhenPromptNoneAndMaxAgeExceededThenLoginRequired() {
		this.http.signIn(TestClient.WEB);
		this.clock.advance(Duration.ofMinutes(10));

		HttpResult response = this.http.get(authorizeUrl(TestClient.WEB, "openid", "prompt", "none", "max_age", "60"));

		assertThat(response.status()).isEqualTo(302);
		assertThat(BatonHttpClient.queryParameters(response.location())).containsEntry("error", "login_required")
			.containsEntry("state", "st-1")
			.containsEntry("iss", ISSUER);
	}

	@Test
	void authorizeWhenPromptNoneAndConsentNeededThenConsentRequired() {
		registerThirdPartyClient();
		this.http.signIn(TestClient.WEB);

		HttpResult response = this.http.get(authorizeUrl(THIRD_PARTY, "openid profile", "prompt", "none"));

		assertThat(response.status()).isEqualTo(302);
		assertThat(response.location().toString()).startsWith(BatonHttpClient.REDIRECT_URI + "?");
		assertThat(BatonHttpClient.queryParameters(response.location())).containsEntry("error", "consent_required")
			.containsEntry("state", "st-1")
			.containsEntry("iss", ISSUER);
	}

	@Test
	void authorizeWhenPromptNoneWithOtherValuesThenInvalidRequest() {
		this.http.signIn(TestClient.WEB);

		HttpResult response = this.http.get(authorizeUrl(TestClient.WEB, "openid profile", "prompt", "none consent"));

		assertThat(response.status()).isEqualTo(302);
		assertThat(BatonHttpClient.queryParameters(response.location())).containsEntry("error", "invalid_request")
			.doesNotContainKey("code");
	}

	@Test
	void authorizeWhenPromptLoginThenFreshSignInAndAuthTimeMoves() {
		Tokens first = this.http.signIn(TestClient.WEB);
		long firstAuthTime = authTime(first);
		waitForNextSecond(firstAuthTime);

		HttpResult response = this.http.get(authorizeUrl(TestClient.WEB, "openid profile", "prompt", "login"));

		assertThat(response.status()).isEqualTo(302);
		assertThat(response.location().getPath()).isEqualTo("/login");
		Tokens second = this.http.signIn(TestClient.WEB, "openid profile", "prompt", "login");
		assertThat(authTime(second)).isGreaterThan(firstAuthTime);
	}

	@Test
	void authorizeWhenMaxAgeExceededThenFreshSignInAndAuthTimeMoves() {
		Tokens first = this.http.signIn(TestClient.WEB);
		long firstAuthTime = authTime(first);
		waitForNextSecond(firstAuthTime);
		this.clock.advance(Duration.ofMinutes(10));

		HttpResult response = this.http.get(authorizeUrl(TestClient.WEB, "openid", "max_age", "60"));
		assertThat(response.status()).isEqualTo(302);
		assertThat(response.location().getPath()).isEqualTo("/login");
		Tokens second = this.http.signIn(TestClient.WEB, "openid profile", "max_age", "60");

		assertThat(authTime(second)).isGreaterThan(firstAuthTime);
	}

	@Test
	void authorizeWhenMaxAgeNotExceededThenNoNewSignIn() {
		Tokens first = this.http.signIn(TestClient.WEB);

		Tokens second = this.http.signIn(TestClient.WEB, "openid profile", "max_age", "3600");

		assertThat(authTime(second)).isEqualTo(authTime(first));
	}

	@Test
	void authorizeWhenMaxAgeMalformedThenInvalidRequestAtRedirectUri() {
		this.http.signIn(TestClient.WEB);

		for (String maxAge : new String[] { "-1", "abc", "99999999999999999999" }) {
			HttpResult response = this.http.get(authorizeUrl(TestClient.WEB, "openid", "max_age", maxAge));

			assertThat(response.status()).as("max_age=%s", maxAge).isEqualTo(302);
			assertThat(BatonHttpClient.queryParameters(response.location())).as("max_age=%s", maxAge)
				.containsEntry("error", "invalid_request")
				.containsEntry("state", "st-1");
		}
	}

	@Test
	void authorizeWhenPromptConsentThenConsentPageEvenForFirstPartyApp() {
		this.http.signIn(TestClient.WEB);

		HttpResult response = this.http
			.get(authorizeUrl(TestClient.WEB, "openid profile offline_access", "prompt", "consent"));

		assertThat(response.status()).isEqualTo(302);
		assertThat(response.location().getPath()).isEqualTo("/oauth2/consent");
		HttpResult page = this.http.get(response.location().toString());
		assertThat(page.status()).isEqualTo(200);
		Matcher state = STATE.matcher(page.body());
		Matcher csrf = CSRF.matcher(page.body());
		assertThat(state.find()).isTrue();
		assertThat(csrf.find()).isTrue();
		HttpResult granted = this.http.post("/oauth2/authorize",
				Form.of("client_id", TestClient.WEB.clientId(), "state", state.group(1).replace("&#39;", "'"))
					.add("scope", "profile")
					.add("scope", "offline_access")
					.add("_csrf", csrf.group(1)));
		assertThat(granted.status()).isEqualTo(302);
		Map<String, String> callback = BatonHttpClient.queryParameters(granted.location());
		assertThat(callback).containsKey("code").containsEntry("state", "st-1").containsEntry("iss", ISSUER);
		// offline_access with prompt=consent (OIDC Core §11): the code still gives a
		// refresh token
		HttpResult tokens = this.http.exchange(new BatonHttpClient.AuthorizationCode(callback.get("code"),
				Pkce.RFC_7636_EXAMPLE.verifier(), TestClient.WEB));
		assertThat(tokens.status()).as("token response %s", tokens).isEqualTo(200);
		assertThat(Tokens.of(tokens).refreshToken()).isNotBlank();
		assertThat(this.database.familyOf(Tokens.of(tokens).refreshToken())).isNotNull();
	}

	private void registerThirdPartyClient() {
		if (this.clients.findByClientId(THIRD_PARTY.clientId()).isPresent()) {
			return;
		}
		try {
			this.clients.insert(Client.withClientId(THIRD_PARTY.clientId())
				.clientName("Prompt test third-party app")
				.clientSecretHash(new ClientSecretEncoder().encode(THIRD_PARTY.secret()))
				.authenticationMethods(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
				.grantTypes(AuthorizationGrantType.AUTHORIZATION_CODE, AuthorizationGrantType.REFRESH_TOKEN)
				.redirectUris(BatonHttpClient.REDIRECT_URI)
				.scopes("openid", "profile", "notes.read")
				.audiences("http://localhost:8080")
				.requireProofKey(true)
				.firstParty(false)
				.createdAt(this.clock.instant())
				.build());
		}
		catch (DuplicateKeyException ex) {
			// registered by a test running in parallel
		}
	}

	private static long authTime(Tokens tokens) {
		try {
			return Jwts.parse(tokens.idToken())
				.getJWTClaimsSet()
				.getDateClaim("auth_time")
				.toInstant()
				.getEpochSecond();
		}
		catch (java.text.ParseException ex) {
			throw new AssertionError(ex);
		}
	}

	/**
	 * {@code auth_time} has whole seconds: the next sign-in must happen in a later second
	 * to be told apart.
	 */
	private static void waitForNextSecond(long epochSecond) {
		while (Instant.now().getEpochSecond() <= epochSecond) {
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
		}
	}

}
