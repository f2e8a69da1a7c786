package dev.baton.auth.accounts;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.baton.auth.client.Client;
import dev.baton.auth.client.ClientSecretEncoder;
import dev.baton.auth.crypto.TokenHash;
import dev.baton.auth.mfa.Base32;
import dev.baton.auth.mfa.Totp;
import dev.baton.auth.testsupport.Jwts;
import dev.baton.auth.testsupport.Pkce;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The second factor over HTTP, on the shared server (H2, and MariaDB in the
 * {@code mariadb} run): TOTP enrolment confirmed by a first code, the secret encrypted
 * and the recovery codes hashed at rest, the second step of the sign-in (window, replay,
 * recovery codes used once, throttle), {@code amr}/{@code acr} in the ID token, the
 * {@code acr_values} step-up and the per-client requirement. Each test has its own users
 * and IPs.
 */
class SecondFactorHttpTests extends AccountsHttpTestSupport {

	private static final Pattern SECRET = Pattern.compile("data-secret=\"([A-Z2-7]+)\"");

	private static final Pattern RECOVERY_CODE = Pattern.compile("<li>([a-z0-9]{5}-[a-z0-9]{5})</li>");

	private static final Pattern CODE = Pattern.compile("[?&]code=([^&]+)");

	private static final String MFA_APP = "mfa-required-app";

	/**
	 * TOTP codes belong to 30-second steps: the clock only moves when a test moves it.
	 */
	@BeforeEach
	void freezeClock() {
		this.clock.freeze();
	}

	@Test
	void enrolWhenFirstCodeRightThenSecretEncryptedAndRecoveryCodesHashedAtRest() {
		String username = registerUser("mfa-enrol");
		AccountsTestBrowser browser = signedIn(username);
		Enrolment enrolment = enrol(browser);

		assertThat(enrolment.recoveryCodes()).hasSize(10).doesNotHaveDuplicates();
		String accountId = subjectOf(username);
		byte[] ciphertext = this.jdbc.queryForObject("SELECT secret_ciphertext FROM mfa_totp WHERE account_id = ?",
				byte[].class, accountId);
		byte[] secret = Base32.decode(enrolment.secret());
		String stored = HexFormat.of().formatHex(ciphertext);
		assertThat(new String(ciphertext, StandardCharsets.ISO_8859_1)).doesNotContain(enrolment.secret());
		assertThat(stored).doesNotContain(HexFormat.of().formatHex(secret));
		List<byte[]> hashes = this.jdbc.queryForList("SELECT code_hash FROM mfa_recovery_code WHERE account_id = ?",
				byte[].class, accountId);
		assertThat(hashes).hasSize(10);
		List<String> storedHashes = hashes.stream().map(HexFormat.of()::formatHex).toList();
		for (String code : enrolment.recoveryCodes()) {
			assertThat(storedHashes).contains(HexFormat.of().formatHex(TokenHash.of(code.replace("-", "")).bytes()));
		}
		String rawSecret = new String(secret, StandardCharsets.ISO_8859_1);
		for (var value : this.database.allValues()) {
			String text = new String(value.bytes(), StandardCharsets.ISO_8859_1);
			assertThat(text).as("%s.%s", value.table(), value.column())
				.doesNotContain(enrolment.secret())
				.doesNotContain(rawSecret);
			for (String code : enrolment.recoveryCodes()) {
				assertThat(text).doesNotContain(code).doesNotContain(code.replace("-", ""));
			}
		}
		assertThat(auditCount("MFA_ENROLLED", username)).isEqualTo(1);
		// The confirming code made this sign-in two-factor: the account page opens.
		assertThat(browser.get("/account").statusCode()).isEqualTo(200);
	}

	@Test
	void enrolWhenPendingThenSessionHoldsNoUsableSecret() {
		String username = registerUser("mfa-pending");
		AccountsTestBrowser browser = signedIn(username);
		String secret = secretOn(browser.get("/account/second-factor").body());
		// the same secret again until it is confirmed
		assertThat(secretOn(browser.get("/account/second-factor").body())).isEqualTo(secret);
		String rawSecret = new String(Base32.decode(secret), StandardCharsets.ISO_8859_1);

		for (var value : this.database.allValues()) {
			String text = new String(value.bytes(), StandardCharsets.ISO_8859_1);
			assertThat(text).as("%s.%s", value.table(), value.column())
				.doesNotContain(secret)
				.doesNotContain(rawSecret);
		}
	}

	@Test
	void enrolWhenCodeWrongThenRefusedAndNothingStored() {
		String username = registerUser("mfa-wrong");
		AccountsTestBrowser browser = signedIn(username);
		String secret = secretOn(browser.get("/account/second-factor").body());
		String wrong = Totp.code(Base32.decode(secret), Totp.step(this.clock.instant()) + 5);

		HttpResponse<String> response = browser.submit("/account/second-factor", "/account/second-factor",
				Map.of("code", wrong));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("id=\"error\"");
		assertThat(count("SELECT COUNT(*) FROM mfa_totp WHERE account_id = ?", subjectOf(username))).isZero();
	}

	@Test
	void signInWhenEnrolledThenSecondFactorAskedAndIdTokenSaysPwdOtpMfa() {
		String username = registerUser("mfa-signin");
		Enrolment enrolment = enrol(signedIn(username));
		this.clock.advance(Duration.ofSeconds(30));
		AccountsTestBrowser browser = newBrowser();

		Authorization authorization = startAuthorization(browser, "demo-web", username);
		assertThat(authorization.location()).endsWith("/login/second-factor");
		assertThat(browser.get("/login/second-factor").body()).contains("id=\"code\"");
		HttpResponse<String> step = browser.submit("/login/second-factor", "/login/second-factor",
				Map.of("code", currentCode(enrolment)));
		assertThat(AccountsTestBrowser.location(step)).contains("/oauth2/authorize");
		JWTClaimsSet idToken = finish(browser, authorization, AccountsTestBrowser.location(step));

		assertThat(idToken.getClaim("amr")).isEqualTo(List.of("pwd", "otp", "mfa"));
		assertThat(idToken.getClaim("acr")).isEqualTo("2");
		assertThat(auditCount("MFA_VERIFIED", username)).isEqualTo(1);
	}

	@Test
	void signInWithoutSecondFactorThenIdTokenSaysPwd() throws Exception {
		String username = registerUser("mfa-pwd");
		AccountsTestBrowser browser = newBrowser();

		String tokens = browser.authorize("demo-web", "demo-web-secret", "openid", username, PASSWORD);

		JWTClaimsSet idToken = Jwts.parse(field(tokens, "id_token")).getJWTClaimsSet();
		assertThat(idToken.getClaim("amr")).isEqualTo(List.of("pwd"));
		assertThat(idToken.getClaim("acr")).isEqualTo("1");
	}

	@Test
	void discoveryWhenReadThenAdvertisesAcrValuesAndAmr() {
		HttpResponse<String> discovery = newBrowser().get("/.well-known/openid-configuration");

		assertThat(discovery.statusCode()).isEqualTo(200);
		assertThat(discovery.body().replace(" ", "")).contains("\"acr_values_supported\":[\"1\",\"2\"]")
			.contains("\"amr\"")
			.contains("\"acr\"");
	}

	@Test
	void secondFactorWhenCodeUsedOrOutsideWindowThenRefused() {
		String username = registerUser("mfa-window");
		Enrolment enrolment = enrol(signedIn(username));
		byte[] secret = Base32.decode(enrolment.secret());
		long now = Totp.step(this.clock.instant().plusSeconds(120));
		this.clock.advance(Duration.ofSeconds(120));
		// two steps away: refused
		assertThat(secondStep(username, Totp.code(secret, now - 2)).statusCode()).isEqualTo(400);
		assertThat(secondStep(username, Totp.code(secret, now + 2)).statusCode()).isEqualTo(400);
		// one step behind (clock drift): accepted
		assertThat(secondStep(username, Totp.code(secret, now - 1)).statusCode()).isEqualTo(302);
		// the same code again, from another browser: refused
		assertThat(secondStep(username, Totp.code(secret, now - 1)).statusCode()).isEqualTo(400);
		// a later step: accepted, and then the earlier current one is refused too
		assertThat(secondStep(username, Totp.code(secret, now + 1)).statusCode()).isEqualTo(302);
		assertThat(secondStep(username, Totp.code(secret, now)).statusCode()).isEqualTo(400);
		assertThat(this.jdbc.queryForObject("SELECT last_used_step FROM mfa_totp WHERE account_id = ?", Long.class,
				subjectOf(username)))
			.isEqualTo(now + 1);
	}

	@Test
	void recoveryCodeWhenUsedThenSignsInOnceOnly() {
		String username = registerUser("mfa-recovery");
		Enrolment enrolment = enrol(signedIn(username));
		String code = enrolment.recoveryCodes().get(3);

		HttpResponse<String> first = secondStep(username, code.toUpperCase());
		assertThat(AccountsTestBrowser.location(first)).endsWith("/account");
		HttpResponse<String> again = secondStep(username, code);

		assertThat(again.statusCode()).isEqualTo(400);
		assertThat(count("SELECT COUNT(*) FROM mfa_recovery_code WHERE account_id = ? AND used_at IS NOT NULL",
				subjectOf(username)))
			.isEqualTo(1);
		assertThat(auditCount("MFA_RECOVERY_CODE_USED", username)).isEqualTo(1);
	}

	@Test
	void secondFactorWhenWrongCodesThenThrottledLikePasswords() {
		String username = registerUser("mfa-throttle");
		Enrolment enrolment = enrol(signedIn(username));
		this.clock.advance(Duration.ofSeconds(30));
		AccountsTestBrowser browser = passwordOnly(username);
		for (int i = 0; i < 5; i++) {
			assertThat(browser.submit("/login/second-factor", "/login/second-factor", Map.of("code", "000000"))
				.statusCode()).isEqualTo(400);
		}

		HttpResponse<String> right = browser.submit("/login/second-factor", "/login/second-factor",
				Map.of("code", currentCode(enrolment)));

		assertThat(right.statusCode()).isEqualTo(400);
		assertThat(right.body()).contains("id=\"locked\"");
		assertThat(AccountsTestBrowser.location(browser.get("/account"))).contains("/login/second-factor?");
		// another browser, another IP: the lock is the account's second factor, not the
		// source's
		assertThat(secondStep(username, currentCode(enrolment)).statusCode()).isEqualTo(400);
		assertThat(count("SELECT COUNT(*) FROM audit_event WHERE type = 'MFA_FAILED' AND detail = 'THROTTLED' "
				+ "AND subject = ?", subjectOf(username)))
			.isGreaterThanOrEqualTo(2);
	}

	@Test
	void authorizeWhenAcrValuesAskForTwoFactorsThenStepUpBeforeTheCode() throws Exception {
		String username = registerUser("mfa-stepup");
		AccountsTestBrowser browser = newBrowser();
		browser.authorize("demo-web", "demo-web-secret", "openid", username, PASSWORD);

		Authorization authorization = startAuthorization(browser, "demo-web", username, "acr_values", "2");
		assertThat(authorization.location()).endsWith("/account/second-factor");
		Enrolment enrolment = enrolOnPage(browser);
		assertThat(enrolment.continueUrl()).contains("/oauth2/authorize").contains("acr_values=2");
		JWTClaimsSet idToken = finish(browser, authorization, enrolment.continueUrl());

		assertThat(idToken.getClaim("acr")).isEqualTo("2");
		assertThat(idToken.getClaim("amr")).isEqualTo(List.of("pwd", "otp", "mfa"));
	}

	@Test
	void authorizeWhenAcrValuesAskForTwoFactorsWithPromptNoneThenInteractionRequired() {
		String username = registerUser("mfa-none");
		AccountsTestBrowser browser = newBrowser();
		browser.authorize("demo-web", "demo-web-secret", "openid", username, PASSWORD);

		HttpResponse<String> response = browser.get(authorizeUrl("demo-web",
				"challenge-value-0123456789012345678901234", "acr_values", "2", "prompt", "none"));

		assertThat(AccountsTestBrowser.location(response)).startsWith(AccountsTestBrowser.REDIRECT_URI)
			.contains("error=interaction_required")
			.doesNotContain("code=");
	}

	@Test
	void authorizeWhenClientRequiresMfaThenUserSetsItUpAndThenAlwaysAsked() throws Exception {
		insertMfaClient();
		String username = registerUser("mfa-client");
		AccountsTestBrowser browser = newBrowser();

		Authorization authorization = startAuthorization(browser, MFA_APP, username);
		assertThat(authorization.location()).endsWith("/account/second-factor");
		assertThat(browser.get("/account/second-factor").body()).contains("id=\"required\"");
		Enrolment enrolment = enrolOnPage(browser);
		JWTClaimsSet idToken = finish(browser, authorization, enrolment.continueUrl());
		assertThat(idToken.getClaim("acr")).isEqualTo("2");

		this.clock.advance(Duration.ofSeconds(30));
		AccountsTestBrowser other = newBrowser();
		Authorization again = startAuthorization(other, MFA_APP, username);
		assertThat(again.location()).endsWith("/login/second-factor");
		HttpResponse<String> step = other.submit("/login/second-factor", "/login/second-factor",
				Map.of("code", currentCode(enrolment)));
		assertThat(finish(other, again, AccountsTestBrowser.location(step)).getClaim("acr")).isEqualTo("2");
	}

	@Test
	void removeSecondFactorThenPasswordAloneSignsInAgain() {
		String username = registerUser("mfa-remove");
		AccountsTestBrowser browser = signedIn(username);
		enrol(browser);

		HttpResponse<String> removed = browser.submit("/account/second-factor", "/account/second-factor/remove",
				Map.of());

		assertThat(AccountsTestBrowser.location(removed)).endsWith("/account?secondFactorRemoved");
		assertThat(count("SELECT COUNT(*) FROM mfa_recovery_code WHERE account_id = ?", subjectOf(username))).isZero();
		assertThat(passwordOnly(username).get("/account").statusCode()).isEqualTo(200);
		assertThat(auditCount("MFA_REMOVED", username)).isEqualTo(1);
	}

	/**
	 * A browser signed in with the password only (and an enrolled user gets the
	 * second-factor step).
	 */
	private AccountsTestBrowser passwordOnly(String username) {
		AccountsTestBrowser browser = newBrowser();
		assertThat(AccountsTestBrowser.location(browser.signIn(username, PASSWORD))).doesNotContain("/login?");
		return browser;
	}

	private AccountsTestBrowser signedIn(String username) {
		AccountsTestBrowser browser = passwordOnly(username);
		assertThat(browser.get("/account").statusCode()).isEqualTo(200);
		return browser;
	}

	/** The second step in a fresh browser: password, then this code. */
	private HttpResponse<String> secondStep(String username, String code) {
		AccountsTestBrowser browser = passwordOnly(username);
		return browser.submit("/login/second-factor", "/login/second-factor", Map.of("code", code));
	}

	private Enrolment enrol(AccountsTestBrowser browser) {
		browser.get("/account/second-factor");
		return enrolOnPage(browser);
	}

	private Enrolment enrolOnPage(AccountsTestBrowser browser) {
		String secret = secretOn(browser.get("/account/second-factor").body());
		String code = Totp.code(Base32.decode(secret), Totp.step(this.clock.instant()));
		HttpResponse<String> page = browser.submit("/account/second-factor", "/account/second-factor",
				Map.of("code", code));
		assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
		List<String> codes = new ArrayList<>();
		Matcher matcher = RECOVERY_CODE.matcher(page.body());
		while (matcher.find()) {
			codes.add(matcher.group(1));
		}
		Matcher continueLink = Pattern.compile("href=\"([^\"]+)\" id=\"continue\"").matcher(page.body());
		assertThat(continueLink.find()).isTrue();
		return new Enrolment(secret, codes, continueLink.group(1).replace("&amp;", "&"));
	}

	private String currentCode(Enrolment enrolment) {
		return Totp.code(Base32.decode(enrolment.secret()), Totp.step(this.clock.instant()));
	}

	private static String secretOn(String page) {
		Matcher matcher = SECRET.matcher(page);
		assertThat(matcher.find()).as(page).isTrue();
		return matcher.group(1);
	}

	/**
	 * An authorization request, signing in with the password when asked; where it stands
	 * then.
	 */
	private Authorization startAuthorization(AccountsTestBrowser browser, String clientId, String username,
			String... extra) {
		Pkce pkce = Pkce.generate();
		String url = authorizeUrl(clientId, pkce.challenge(), extra);
		HttpResponse<String> response = browser.get(url);
		if (AccountsTestBrowser.location(response).endsWith("/login")) {
			HttpResponse<String> signedIn = browser.signIn(username, PASSWORD);
			assertThat(AccountsTestBrowser.location(signedIn)).contains("/oauth2/authorize");
			response = browser.get(AccountsTestBrowser.location(signedIn));
		}
		return new Authorization(clientId, pkce.verifier(), AccountsTestBrowser.location(response));
	}

	/**
	 * Continues at {@code url} to the code, redeems it, and returns the ID token's
	 * claims.
	 */
	private JWTClaimsSet finish(AccountsTestBrowser browser, Authorization authorization, String url) {
		HttpResponse<String> response = browser.get(url);
		String callback = AccountsTestBrowser.location(response);
		assertThat(callback).as("callback").startsWith(AccountsTestBrowser.REDIRECT_URI);
		Matcher code = CODE.matcher(callback);
		assertThat(code.find()).as(callback).isTrue();
		String secret = authorization.clientId().equals(MFA_APP) ? APP_SECRET : "demo-web-secret";
		String tokens = browser.redeem(authorization.clientId(), secret, code.group(1), authorization.verifier());
		try {
			return Jwts.parse(field(tokens, "id_token")).getJWTClaimsSet();
		}
		catch (java.text.ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String authorizeUrl(String clientId, String challenge, String... extra) {
		StringBuilder url = new StringBuilder("/oauth2/authorize?response_type=code&client_id=" + clientId
				+ "&redirect_uri=" + AccountsTestBrowser.url(AccountsTestBrowser.REDIRECT_URI) + "&scope=openid"
				+ "&state=" + AccountsTestBrowser.randomValue() + "&code_challenge=" + challenge
				+ "&code_challenge_method=S256");
		for (int i = 0; i < extra.length; i += 2) {
			url.append('&').append(extra[i]).append('=').append(AccountsTestBrowser.url(extra[i + 1]));
		}
		return url.toString();
	}

	private void insertMfaClient() {
		if (this.clients.findByClientId(MFA_APP).isPresent()) {
			return;
		}
		this.clients.insert(Client.withClientId(MFA_APP)
			.clientName("MFA test app")
			.clientSecretHash(new ClientSecretEncoder().encode(APP_SECRET))
			.authenticationMethods(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.grantTypes(AuthorizationGrantType.AUTHORIZATION_CODE, AuthorizationGrantType.REFRESH_TOKEN)
			.redirectUris(AccountsTestBrowser.REDIRECT_URI)
			.scopes("openid", "profile")
			.audiences("http://localhost:8080")
			.requireProofKey(true)
			.firstParty(true)
			.requireMfa(true)
			.createdAt(this.clock.instant())
			.build());
	}

	private int count(String sql, Object... args) {
		Integer count = this.jdbc.queryForObject(sql, Integer.class, args);
		return (count != null) ? count : 0;
	}

	private record Enrolment(String secret, List<String> recoveryCodes, String continueUrl) {
	}

	private record Authorization(String clientId, String verifier, String location) {
	}

}
