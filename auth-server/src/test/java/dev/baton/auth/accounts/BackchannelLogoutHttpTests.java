package dev.baton.auth.accounts;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.baton.auth.backchannel.BackchannelLogoutDelivery;
import dev.baton.auth.client.Client;
import dev.baton.auth.client.ClientSecretEncoder;
import dev.baton.auth.support.SqlTime;
import dev.baton.auth.testsupport.HttpResult;
import dev.baton.auth.testsupport.Jwts;
import dev.baton.auth.testsupport.LogoutReceiver;
import dev.baton.auth.testsupport.TestClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OpenID Connect Back-Channel Logout 1.0 over HTTP against real receivers: every way a
 * session ends (sign-out in "your devices", refresh-token reuse, an administrator
 * disabling the user) sends the client a logout token that verifies against the JWKS and
 * names the session; a receiver answering 503 gets it on a later attempt; a client
 * without a {@code backchannel_logout_uri} gets nothing. H2, and MariaDB in the
 * {@code mariadb} run.
 */
class BackchannelLogoutHttpTests extends AccountsHttpTestSupport {

	/**
	 * Generous: a delivery is attempted right after the revoking commit; only a very
	 * loaded machine needs long.
	 */
	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";

	@Autowired
	BackchannelLogoutDelivery delivery;

	@Test
	void discoveryWhenFetchedThenAdvertisesBackchannelLogoutWithSessions() {
		Map<String, Object> oidc = this.http.get("/.well-known/openid-configuration").json();

		assertThat(oidc).containsEntry("backchannel_logout_supported", true)
			.containsEntry("backchannel_logout_session_supported", true);
	}

	@Test
	void signOutFromDevicesPageWhenClientHasLogoutUriThenReceiverGetsVerifiableLogoutTokenOfThatSession()
			throws Exception {
		try (LogoutReceiver receiver = LogoutReceiver.start()) {
			String clientId = registerBackchannelClient(receiver.uri());
			String username = registerUser("bcl-page");
			AccountsTestBrowser browser = newBrowser();
			String tokens = browser.authorize(clientId, APP_SECRET, "openid offline_access", username, PASSWORD);
			String family = familyOf(field(tokens, "access_token"));
			String idTokenSid = (String) Jwts.parse(field(tokens, "id_token")).getJWTClaimsSet().getClaim("sid");
			AccountsTestBrowser other = newBrowser();
			String otherTokens = other.authorize(clientId, APP_SECRET, "openid offline_access", username, PASSWORD);
			String otherFamily = familyOf(field(otherTokens, "access_token"));

			HttpResponse<String> signedOut = browser.submit("/account/sessions",
					"/account/sessions/" + family + "/sign-out", Map.of());

			assertThat(AccountsTestBrowser.location(signedOut)).endsWith("/account/sessions?signedOut");
			LogoutReceiver.Received received = receiver.next(WAIT);
			assertThat(received.method()).isEqualTo("POST");
			assertThat(received.contentType()).startsWith("application/x-www-form-urlencoded");
			assertThat(received.body()).startsWith("logout_token=");
			SignedJWT jwt = Jwts.parse(received.logoutToken());
			assertThat(jwt.getHeader().getType().getType()).isEqualTo("logout+jwt");
			assertThat(jwt.getHeader().getKeyID()).isNotBlank();
			JWTClaimsSet claims = received.verifiedClaims(this.http.get("/oauth2/jwks").body());
			assertThat(claims.getIssuer()).isEqualTo(ISSUER);
			assertThat(claims.getAudience()).containsExactly(clientId);
			assertThat(claims.getSubject()).isEqualTo(subjectOf(username)).isNotEqualTo(username);
			// one sid per session: the logout token's, the access token's and the ID
			// token's
			assertThat(claims.getStringClaim("sid")).isEqualTo(family).isEqualTo(idTokenSid);
			assertThat(claims.getJSONObjectClaim("events")).containsOnlyKeys(EVENT);
			assertThat(claims.getJSONObjectClaim("events").get(EVENT)).isEqualTo(Map.of());
			assertThat(claims.getJWTID()).isNotBlank();
			assertThat(claims.getIssueTime()).isNotNull();
			assertThat(claims.getExpirationTime()).isAfter(claims.getIssueTime());
			assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
				.isEqualTo(Duration.ofMinutes(2));
			assertThat(claims.getClaims()).doesNotContainKey("nonce");
			awaitTrue("delivery audited and outbox emptied",
					() -> outboxRows(family) == 0 && auditOfFamily("BACKCHANNEL_LOGOUT_DELIVERED", family) == 1);
			assertThat(this.jdbc.queryForObject("SELECT client_id FROM audit_event WHERE type = "
					+ "'BACKCHANNEL_LOGOUT_DELIVERED' AND family_id = ?", String.class, family))
				.isEqualTo(clientId);
			// the other device's session goes on, and its app hears nothing
			assertThat(other.refresh(clientId, APP_SECRET, field(otherTokens, "refresh_token")).statusCode())
				.isEqualTo(200);
			assertThat(auditOfFamily("BACKCHANNEL_LOGOUT_DELIVERED", otherFamily)).isZero();
		}
	}

	@Test
	void refreshTokenReuseWhenClientHasLogoutUriThenReceiverGetsLogoutTokenOfTheRevokedFamily() {
		try (LogoutReceiver receiver = LogoutReceiver.start()) {
			String clientId = registerBackchannelClient(receiver.uri());
			String username = registerUser("bcl-reuse");
			AccountsTestBrowser browser = newBrowser();
			String tokens = browser.authorize(clientId, APP_SECRET, "openid offline_access", username, PASSWORD);
			String family = familyOf(field(tokens, "access_token"));
			String refreshToken = field(tokens, "refresh_token");
			assertThat(browser.refresh(clientId, APP_SECRET, refreshToken).statusCode()).isEqualTo(200);

			HttpResponse<String> replay = browser.refresh(clientId, APP_SECRET, refreshToken);

			assertThat(replay.statusCode()).isEqualTo(400);
			assertThat(replay.body()).contains("invalid_grant");
			JWTClaimsSet claims = receiver.next(WAIT).verifiedClaims(this.http.get("/oauth2/jwks").body());
			assertThat(claims.getClaim("sid")).isEqualTo(family);
			assertThat(claims.getAudience()).containsExactly(clientId);
			assertThat(this.jdbc.queryForObject("SELECT revoked_reason FROM token_family WHERE id = ?", String.class,
					family))
				.isEqualTo("REUSE_DETECTED");
		}
	}

	@Test
	void adminDisablesUserWhenSessionsAtClientsWithAndWithoutUriThenOnlyTheClientWithUriIsToldOfEachSession() {
		try (LogoutReceiver receiver = LogoutReceiver.start()) {
			String clientId = registerBackchannelClient(receiver.uri());
			String username = registerUser("bcl-disable");
			String first = familyOf(
					field(newBrowser().authorize(clientId, APP_SECRET, "openid offline_access", username, PASSWORD),
							"access_token"));
			String second = familyOf(
					field(newBrowser().authorize(clientId, APP_SECRET, "openid offline_access", username, PASSWORD),
							"access_token"));
			String withoutUri = familyOf(
					field(newBrowser().authorize(ACCOUNT_APP, APP_SECRET, "openid offline_access", username, PASSWORD),
							"access_token"));

			HttpResult disabled = admin("PATCH", "/api/admin/users/" + username, "{\"enabled\":false}");

			assertThat(disabled.status()).as("%s", disabled).isEqualTo(200);
			String jwks = this.http.get("/oauth2/jwks").body();
			List<Object> sids = List.of(receiver.next(WAIT).verifiedClaims(jwks).getClaim("sid"),
					receiver.next(WAIT).verifiedClaims(jwks).getClaim("sid"));
			assertThat(sids).containsExactlyInAnyOrder(first, second);
			awaitTrue("both deliveries audited", () -> auditOfFamily("BACKCHANNEL_LOGOUT_DELIVERED", first) == 1
					&& auditOfFamily("BACKCHANNEL_LOGOUT_DELIVERED", second) == 1);
			// the client without a backchannel_logout_uri: no outbox row was ever written
			// for its session
			assertThat(this.jdbc.queryForObject("SELECT revoked_reason FROM token_family WHERE id = ?", String.class,
					withoutUri))
				.isEqualTo("USER_DISABLED");
			assertThat(outboxRows(withoutUri)).isZero();
			assertThat(auditOfFamily("BACKCHANNEL_LOGOUT_DELIVERED", withoutUri)
					+ auditOfFamily("BACKCHANNEL_LOGOUT_FAILED", withoutUri))
				.isZero();
			assertThat(receiver.requests()).isEqualTo(2);
		}
	}

	@Test
	void deleteClientWhenItHasLiveSessionsThenItsLogoutUriStillGetsATokenForEach() {
		try (LogoutReceiver receiver = LogoutReceiver.start()) {
			String clientId = registerBackchannelClient(receiver.uri());
			String username = registerUser("bcl-client-deleted");
			String family = familyOf(
					field(newBrowser().authorize(clientId, APP_SECRET, "openid offline_access", username, PASSWORD),
							"access_token"));

			HttpResult deleted = admin("DELETE", "/api/admin/clients/" + clientId, null);

			assertThat(deleted.status()).as("%s", deleted).isEqualTo(200);
			JWTClaimsSet claims = receiver.next(WAIT).verifiedClaims(this.http.get("/oauth2/jwks").body());
			assertThat(claims.getClaim("sid")).isEqualTo(family);
			assertThat(claims.getAudience()).containsExactly(clientId);
			awaitTrue("delivery audited", () -> auditOfFamily("BACKCHANNEL_LOGOUT_DELIVERED", family) == 1);
		}
	}

	@Test
	void deliveryWhenReceiverAnswers503ThenRetriedWithBackoffAndDeliveredOnceItIsBack() throws Exception {
		try (LogoutReceiver receiver = LogoutReceiver.failingFirst(1)) {
			String clientId = registerBackchannelClient(receiver.uri());
			String username = registerUser("bcl-retry");
			AccountsTestBrowser browser = newBrowser();
			String tokens = browser.authorize(clientId, APP_SECRET, "openid offline_access", username, PASSWORD);
			String family = familyOf(field(tokens, "access_token"));

			browser.submit("/account/sessions", "/account/sessions/" + family + "/sign-out", Map.of());

			assertThat(receiver.next(WAIT).status()).isEqualTo(503);
			// the row is rescheduled, then the attempt audited: wait for both
			awaitTrue("the failed attempt rescheduled and audited",
					() -> attempts(family) == 1 && auditOfFamily("BACKCHANNEL_LOGOUT_FAILED", family) == 1);
			Instant nextAttempt = this.jdbc
				.queryForObject("SELECT next_attempt_at FROM backchannel_logout WHERE family_id = ?",
						java.sql.Timestamp.class, family)
				.toLocalDateTime()
				.toInstant(java.time.ZoneOffset.UTC);
			assertThat(nextAttempt).isAfter(this.clock.instant().minusSeconds(1));
			assertThat(auditOfFamily("BACKCHANNEL_LOGOUT_FAILED", family)).isEqualTo(1);
			assertThat(this.jdbc.queryForObject(
					"SELECT detail FROM audit_event WHERE type = " + "'BACKCHANNEL_LOGOUT_FAILED' AND family_id = ?",
					String.class, family))
				.startsWith("HTTP 503 on attempt 1");

			this.clock.advance(Duration.ofSeconds(10));
			this.delivery.nudge();

			LogoutReceiver.Received second = receiver.next(WAIT);
			assertThat(second.status()).isEqualTo(200);
			assertThat(Jwts.parse(second.logoutToken()).getJWTClaimsSet().getClaim("sid")).isEqualTo(family);
			awaitTrue("delivered on the second attempt",
					() -> outboxRows(family) == 0 && auditOfFamily("BACKCHANNEL_LOGOUT_DELIVERED", family) == 1);
			assertThat(this.jdbc.queryForObject(
					"SELECT detail FROM audit_event WHERE type = " + "'BACKCHANNEL_LOGOUT_DELIVERED' AND family_id = ?",
					String.class, family))
				.isEqualTo("HTTP 200 on attempt 2");
		}
	}

	@Test
	void deliveryWhenReceiverNeverAnswersWithinRetryForThenAbandonedAndAudited() {
		LogoutReceiver closed = LogoutReceiver.start();
		String uri = closed.uri();
		closed.close();
		String clientId = registerBackchannelClient(uri);
		String username = registerUser("bcl-abandon");
		AccountsTestBrowser browser = newBrowser();
		String family = familyOf(field(
				browser.authorize(clientId, APP_SECRET, "openid offline_access", username, PASSWORD), "access_token"));

		browser.submit("/account/sessions", "/account/sessions/" + family + "/sign-out", Map.of());
		awaitTrue("the first attempt failed and was audited",
				() -> attempts(family) >= 1 && auditOfFamily("BACKCHANNEL_LOGOUT_FAILED", family) >= 1);
		// the session ended longer than retry-for (24 h) ago; moving the row, not the
		// shared server's clock, keeps
		// the server's other scheduled jobs out of it
		Instant dayAndHourAgo = this.clock.instant().minus(Duration.ofHours(25));
		this.jdbc.update("UPDATE backchannel_logout SET created_at = ?, next_attempt_at = ? WHERE family_id = ?",
				SqlTime.of(dayAndHourAgo), SqlTime.of(dayAndHourAgo), family);
		this.delivery.nudge();

		awaitTrue("abandoned",
				() -> outboxRows(family) == 0 && auditOfFamily("BACKCHANNEL_LOGOUT_ABANDONED", family) == 1);
		assertThat(auditOfFamily("BACKCHANNEL_LOGOUT_DELIVERED", family)).isZero();
		assertThat(this.jdbc.queryForObject(
				"SELECT detail FROM audit_event WHERE type = " + "'BACKCHANNEL_LOGOUT_FAILED' AND family_id = ?",
				String.class, family))
			.contains("ConnectException")
			.doesNotContain("eyJ");
	}

	private String registerBackchannelClient(String logoutUri) {
		String clientId = "bcl-app-" + UUID.randomUUID().toString().substring(0, 8);
		this.clients.insert(Client.withClientId(clientId)
			.clientName("Back-channel logout test app")
			.clientSecretHash(new ClientSecretEncoder().encode(APP_SECRET))
			.authenticationMethods(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.grantTypes(AuthorizationGrantType.AUTHORIZATION_CODE, AuthorizationGrantType.REFRESH_TOKEN)
			.redirectUris(AccountsTestBrowser.REDIRECT_URI)
			.scopes("openid", "profile", "offline_access")
			.audiences("http://localhost:8080")
			.requireProofKey(true)
			.firstParty(true)
			.backchannelLogoutUri(logoutUri)
			.backchannelLogoutSessionRequired(true)
			.createdAt(this.clock.instant())
			.build());
		return clientId;
	}

	private int outboxRows(String family) {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM backchannel_logout WHERE family_id = ?", Integer.class,
				family);
	}

	private int attempts(String family) {
		List<Integer> attempts = this.jdbc.queryForList("SELECT attempts FROM backchannel_logout WHERE family_id = ?",
				Integer.class, family);
		return attempts.isEmpty() ? -1 : attempts.get(0);
	}

	private int auditOfFamily(String type, String family) {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE type = ? AND family_id = ?",
				Integer.class, type, family);
	}

	private static void awaitTrue(String what, BooleanSupplier condition) {
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Not within " + WAIT + ": " + what);
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
		}
	}

	private HttpResult admin(String method, String path, String json) {
		String token = this.http.clientCredentials(TestClient.ADMIN, "baton.admin").string("access_token");
		return this.http.send(HttpRequest.newBuilder(URI.create(this.http.baseUrl() + path))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + token)
			.method(method,
					(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody())
			.build());
	}

}
