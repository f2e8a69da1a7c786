package dev.baton.auth.client;

import java.time.Duration;
import java.time.Instant;

import dev.baton.auth.refresh.RefreshPolicy;
import dev.baton.auth.testsupport.InMemoryDatabase;
import dev.baton.auth.testsupport.RegisteredClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients as stored, and as the authorization server sees them with the server defaults
 * applied.
 */
class DatabaseRegisteredClientRepositoryTests {

	private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	private final InMemoryDatabase db = InMemoryDatabase.migrated();

	private final JdbcClientRepository clients = new JdbcClientRepository(this.db.jdbc());

	private final DatabaseRegisteredClientRepository registered = RegisteredClients.of(this.clients);

	@AfterEach
	void shutdown() {
		this.db.shutdown();
	}

	@Test
	void findByClientIdWhenNoOverridesThenServerDefaults() {
		this.clients.insert(web().build());

		RegisteredClient client = this.registered.findByClientId("demo-web");

		assertThat(client.getTokenSettings().getAccessTokenTimeToLive()).isEqualTo(Duration.ofMinutes(5));
		assertThat(client.getTokenSettings().getAccessTokenFormat()).isEqualTo(OAuth2TokenFormat.SELF_CONTAINED);
		assertThat(client.getTokenSettings().isReuseRefreshTokens()).isFalse();
		assertThat(RefreshPolicy.of(client))
			.isEqualTo(new RefreshPolicy(Duration.ofDays(14), Duration.ofDays(90), Duration.ZERO));
		assertThat(ClientPolicy.audiences(client)).containsExactly("http://localhost:8080");
		assertThat(ClientPolicy.isFirstParty(client)).isTrue();
		assertThat(client.getClientSettings().isRequireAuthorizationConsent()).isFalse();
	}

	@Test
	void findByClientIdWhenClientOverridesLifetimesThenTheirs() {
		this.clients.insert(web().accessTokenTtl(Duration.ofMinutes(1))
			.refreshIdleTtl(Duration.ofDays(1))
			.refreshAbsoluteTtl(Duration.ofDays(7))
			.refreshGraceWindow(Duration.ofSeconds(15))
			.build());

		RegisteredClient client = this.registered.findByClientId("demo-web");

		assertThat(client.getTokenSettings().getAccessTokenTimeToLive()).isEqualTo(Duration.ofMinutes(1));
		assertThat(RefreshPolicy.of(client))
			.isEqualTo(new RefreshPolicy(Duration.ofDays(1), Duration.ofDays(7), Duration.ofSeconds(15)));
	}

	@Test
	void findByClientIdWhenStoredThenSecretHashAndListsRoundTrip() {
		String hash = new ClientSecretEncoder().encode("demo-web-secret");
		this.clients.insert(web().clientSecretHash(hash).build());

		RegisteredClient client = this.registered.findByClientId("demo-web");

		assertThat(client.getClientSecret()).isEqualTo(hash);
		assertThat(client.getClientAuthenticationMethods())
			.containsExactly(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
		assertThat(client.getAuthorizationGrantTypes())
			.containsExactlyInAnyOrder(AuthorizationGrantType.AUTHORIZATION_CODE, AuthorizationGrantType.REFRESH_TOKEN);
		assertThat(client.getRedirectUris()).containsExactly("http://127.0.0.1:8765/callback");
		assertThat(client.getScopes()).containsExactlyInAnyOrder("openid", "profile", "notes.read");
		assertThat(this.clients.findByClientId("demo-web").orElseThrow().isPublic()).isFalse();
	}

	@Test
	void findByClientIdWhenNoAudienceConfiguredThenClientIdIsTheAudience() {
		this.clients.insert(Client.withClientId("demo-service")
			.clientSecretHash("{sha256}x")
			.authenticationMethods(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.grantTypes(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.createdAt(NOW)
			.build());

		assertThat(ClientPolicy.audiences(this.registered.findByClientId("demo-service")))
			.containsExactly("demo-service");
	}

	@Test
	void findByClientIdWhenUnknownThenNull() {
		assertThat(this.registered.findByClientId("nobody")).isNull();
		assertThat(this.registered.findById("nobody")).isNull();
	}

	private static Client.Builder web() {
		return Client.withClientId("demo-web")
			.clientSecretHash("{sha256}unused")
			.authenticationMethods(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.grantTypes(AuthorizationGrantType.AUTHORIZATION_CODE, AuthorizationGrantType.REFRESH_TOKEN)
			.redirectUris("http://127.0.0.1:8765/callback")
			.scopes("openid", "profile", "notes.read")
			.audiences("http://localhost:8080")
			.firstParty(true)
			.createdAt(NOW);
	}

}
