package dev.baton.auth.client;

import java.time.Clock;
import java.time.Duration;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Component;

/**
 * Serves Baton's clients to the authorization server, with the server-wide defaults
 * applied to every lifetime a client does not override. Clients are registered through
 * {@link ClientRepository}, not through {@link #save}.
 */
@Component
public class DatabaseRegisteredClientRepository implements RegisteredClientRepository {

	private final ClientRepository clients;

	private final TokenDefaults defaults;

	private final Clock clock;

	/** With the system clock, for tests that never look at secret rotations. */
	public DatabaseRegisteredClientRepository(ClientRepository clients, TokenDefaults defaults) {
		this(clients, defaults, Clock.systemUTC());
	}

	@Autowired
	public DatabaseRegisteredClientRepository(ClientRepository clients, TokenDefaults defaults, Clock clock) {
		this.clients = clients;
		this.defaults = defaults;
		this.clock = clock;
	}

	@Override
	public void save(RegisteredClient registeredClient) {
		throw new UnsupportedOperationException("Clients are registered through ClientRepository");
	}

	@Override
	public RegisteredClient findById(String id) {
		return this.clients.findById(id).map(this::toRegisteredClient).orElse(null);
	}

	@Override
	public RegisteredClient findByClientId(String clientId) {
		return this.clients.findByClientId(clientId).map(this::toRegisteredClient).orElse(null);
	}

	RegisteredClient toRegisteredClient(Client client) {
		ClientSettings clientSettings = ClientSettings.builder()
			.requireProofKey(client.requireProofKey())
			.requireAuthorizationConsent(!client.firstParty())
			.setting(ClientPolicy.FIRST_PARTY, client.firstParty())
			.setting(ClientPolicy.REQUIRE_VERIFIED_EMAIL, client.requireVerifiedEmail())
			.setting(ClientPolicy.REQUIRE_MFA, client.requireMfa())
			.setting(ClientPolicy.AUDIENCES, client.audiences())
			.setting(ClientPolicy.RESOURCE_SERVER_AUDIENCES, client.resourceServerAudiences())
			.build();
		TokenSettings tokenSettings = TokenSettings.builder()
			.accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
			.accessTokenTimeToLive(orDefault(client.accessTokenTtl(), this.defaults.accessTokenTtl()))
			.authorizationCodeTimeToLive(this.defaults.authorizationCodeTtl())
			.refreshTokenTimeToLive(orDefault(client.refreshIdleTtl(), this.defaults.refreshIdleTtl()))
			.reuseRefreshTokens(false)
			.setting(ClientPolicy.ID_TOKEN_TTL, orDefault(client.idTokenTtl(), this.defaults.idTokenTtl()))
			.setting(ClientPolicy.REFRESH_ABSOLUTE_TTL,
					orDefault(client.refreshAbsoluteTtl(), this.defaults.refreshAbsoluteTtl()))
			.setting(ClientPolicy.REFRESH_GRACE_WINDOW,
					orDefault(client.refreshGraceWindow(), this.defaults.refreshGraceWindow()))
			.build();
		return RegisteredClient.withId(client.id())
			.clientId(client.clientId())
			.clientName(client.clientName())
			.clientIdIssuedAt(client.createdAt())
			.clientSecret(acceptedSecrets(client))
			.clientAuthenticationMethods((methods) -> methods.addAll(client.authenticationMethods()))
			.authorizationGrantTypes((grantTypes) -> grantTypes.addAll(client.grantTypes()))
			.redirectUris((uris) -> uris.addAll(client.redirectUris()))
			.postLogoutRedirectUris((uris) -> uris.addAll(client.postLogoutRedirectUris()))
			.scopes((scopes) -> scopes.addAll(client.scopes()))
			.clientSettings(clientSettings)
			.tokenSettings(tokenSettings)
			.build();
	}

	/**
	 * The secret hash, and during a rotation's overlap also the previous one:
	 * {@link ClientSecretEncoder} accepts a secret matching any hash of the
	 * space-separated list, so an app keeps working while it is redeployed.
	 */
	private String acceptedSecrets(Client client) {
		if (client.clientSecretHash() == null) {
			return null;
		}
		return client.previousSecretHashAt(this.clock.instant())
			.map((previous) -> client.clientSecretHash() + " " + previous)
			.orElse(client.clientSecretHash());
	}

	private static Duration orDefault(Duration value, Duration defaultValue) {
		return (value != null) ? value : defaultValue;
	}

}
