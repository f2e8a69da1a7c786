package dev.baton.auth.web;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The client-credentials grant stores nothing, and nothing but that grant may be handed
 * to its store.
 */
class ClientCredentialsAuthorizationsTests {

	private static final RegisteredClient SERVICE = RegisteredClient.withId("1")
		.clientId("demo-service")
		.clientSecret("{noop}secret")
		.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
		.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
		.scope("notes.read")
		.build();

	private final ClientCredentialsAuthorizations authorizations = new ClientCredentialsAuthorizations();

	@Test
	void saveWhenClientCredentialsThenNothingIsKept() {
		OAuth2Authorization authorization = authorization(AuthorizationGrantType.CLIENT_CREDENTIALS);

		this.authorizations.save(authorization);

		assertThat(this.authorizations.findById(authorization.getId())).isNull();
		assertThat(this.authorizations.findByToken("any", OAuth2TokenType.ACCESS_TOKEN)).isNull();
	}

	@Test
	void saveWhenAnotherGrantThenRefused() {
		assertThatIllegalStateException()
			.isThrownBy(() -> this.authorizations.save(authorization(AuthorizationGrantType.AUTHORIZATION_CODE)));
	}

	private static OAuth2Authorization authorization(AuthorizationGrantType grant) {
		return OAuth2Authorization.withRegisteredClient(SERVICE)
			.principalName("demo-service")
			.authorizationGrantType(grant)
			.build();
	}

}
