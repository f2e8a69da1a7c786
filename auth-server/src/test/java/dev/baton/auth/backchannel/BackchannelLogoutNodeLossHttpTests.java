package dev.baton.auth.backchannel;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.baton.auth.client.Client;
import dev.baton.auth.client.ClientRepository;
import dev.baton.auth.client.ClientSecretEncoder;
import dev.baton.auth.testsupport.BatonHttpClient;
import dev.baton.auth.testsupport.BatonNodes;
import dev.baton.auth.testsupport.LogoutReceiver;
import dev.baton.auth.testsupport.MariaDbCondition;
import dev.baton.auth.testsupport.MutableClock;
import dev.baton.auth.testsupport.TestClient;
import dev.baton.auth.testsupport.TestDatabase;
import dev.baton.auth.testsupport.Tokens;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox survives the node that wrote it: node A revokes a session (RFC 7009
 * revocation of its refresh token) and stops before any delivery is attempted (it
 * delivers nothing: {@code delivery-enabled=false}); node B, started afterwards on the
 * same database, delivers the logout token. H2 file database, and MariaDB in the
 * {@code mariadb} run.
 */
@Tag("database")
@ExtendWith(MariaDbCondition.class)
class BackchannelLogoutNodeLossHttpTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final String SECRET = "node-loss-app-secret-0123456789abcdef";

	@Test
	void revocationWhenNodeStopsBeforeDeliveryThenNodeStartedLaterDeliversIt() throws Exception {
		MutableClock clock = new MutableClock();
		TestDatabase database = TestDatabase.create();
		String key = "--baton.keys.encryption-key=" + BatonNodes.randomKey();
		TestClient client = new TestClient("node-loss-app-" + UUID.randomUUID().toString().substring(0, 8), SECRET);
		try (LogoutReceiver receiver = LogoutReceiver.start()) {
			String family;
			try (BatonNodes nodeA = BatonNodes.start(database, clock, 1, List.of(), key,
					"--baton.backchannel-logout.delivery-enabled=false", "--baton.cleanup.initial-delay=PT1H")) {
				register(nodeA.bean(0, ClientRepository.class), client, receiver.uri(), clock);
				BatonHttpClient http = nodeA.client(0);
				Tokens tokens = http.signIn(client, "openid offline_access");
				family = (String) com.nimbusds.jwt.SignedJWT.parse(tokens.accessToken())
					.getJWTClaimsSet()
					.getClaim("sid");

				assertThat(http.revoke(client, tokens.refreshToken()).status()).isEqualTo(200);

				JdbcTemplate jdbc = nodeA.bean(0, JdbcTemplate.class);
				assertThat(jdbc.queryForObject("SELECT revoked_reason FROM token_family WHERE id = ?", String.class,
						family))
					.isEqualTo("TOKEN_REVOKED");
				assertThat(
						jdbc.queryForObject(
								"SELECT COUNT(*) FROM backchannel_logout WHERE family_id = ? AND attempts = 0 "
										+ "AND claimed_by IS NULL AND client_id = ?",
								Integer.class, family, client.clientId()))
					.isEqualTo(1);
				// nothing in the outbox row could be replayed: it holds ids, a URI and
				// times, no token
				assertThat(jdbc.queryForList("SELECT * FROM backchannel_logout WHERE family_id = ?", family)
					.get(0)
					.values()).noneMatch((value) -> String.valueOf(value).startsWith("eyJ"));
			}
			assertThat(receiver.requests()).isZero();

			try (BatonNodes nodeB = BatonNodes.start(database, clock, 1, List.of(), key,
					"--baton.backchannel-logout.poll-interval=PT1S", "--baton.cleanup.initial-delay=PT1H")) {
				JWTClaimsSet claims = receiver.next(WAIT).verifiedClaims(nodeB.client(0).get("/oauth2/jwks").body());

				assertThat(claims.getClaim("sid")).isEqualTo(family);
				assertThat(claims.getAudience()).containsExactly(client.clientId());
				JdbcTemplate jdbc = nodeB.bean(0, JdbcTemplate.class);
				long deadline = System.nanoTime() + WAIT.toNanos();
				while (jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE type = "
						+ "'BACKCHANNEL_LOGOUT_DELIVERED' AND family_id = ?", Integer.class, family) == 0) {
					assertThat(System.nanoTime()).as("delivery audited").isLessThan(deadline);
					Thread.sleep(50);
				}
				assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM backchannel_logout WHERE family_id = ?",
						Integer.class, family))
					.isZero();
				assertThat(receiver.requests()).isEqualTo(1);
			}
		}
	}

	private static void register(ClientRepository clients, TestClient client, String logoutUri, MutableClock clock) {
		clients.insert(Client.withClientId(client.clientId())
			.clientName("Node loss test app")
			.clientSecretHash(new ClientSecretEncoder().encode(client.secret()))
			.authenticationMethods(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.grantTypes(AuthorizationGrantType.AUTHORIZATION_CODE, AuthorizationGrantType.REFRESH_TOKEN)
			.redirectUris(BatonHttpClient.REDIRECT_URI)
			.scopes("openid", "offline_access")
			.audiences("http://localhost:8080")
			.requireProofKey(true)
			.firstParty(true)
			.backchannelLogoutUri(logoutUri)
			.createdAt(clock.instant())
			.build());
	}

}
