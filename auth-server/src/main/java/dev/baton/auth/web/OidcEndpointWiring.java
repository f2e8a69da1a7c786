package dev.baton.auth.web;

import dev.baton.auth.account.AccountUserInfoAuthenticationProvider;
import dev.baton.auth.database.DatabaseProperties;
import dev.baton.auth.keys.SigningKeySet;
import dev.baton.auth.refresh.TokenFamilyService;
import dev.baton.auth.registration.RegistrationProperties;
import dev.baton.auth.session.BrowserSignOut;
import dev.baton.auth.session.EndSessionRequests;
import dev.baton.auth.user.UserAccountRepository;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerMetadataEndpointConfigurer;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OidcLogoutEndpointConfigurer;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OidcProviderConfigurationEndpointConfigurer;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OidcUserInfoEndpointConfigurer;
import org.springframework.stereotype.Component;

/**
 * Discovery (RFC 8414 and OpenID Connect Discovery, one document of what Baton supports),
 * userinfo (answered from the account while the token's session lives) and Baton's
 * end-session endpoint on the framework's logout endpoint.
 */
@Component
class OidcEndpointWiring {

	private final SigningKeySet keySet;

	private final RegistrationProperties registration;

	private final AuthenticationProvider userInfo;

	private final BearerTokenErrorResponseHandler userInfoErrors;

	private final EndSessionEndpoint endSession;

	OidcEndpointWiring(SigningKeySet keySet, RegistrationProperties registration, UserAccountRepository accounts,
			TokenFamilyService families, DatabaseProperties database, EndSessionRequests endSessionRequests,
			BrowserSignOut browserSignOut) {
		this.keySet = keySet;
		this.registration = registration;
		this.userInfo = new DatabaseFailureMappingAuthenticationProvider(
				new AccountUserInfoAuthenticationProvider(accounts, families));
		this.userInfoErrors = new BearerTokenErrorResponseHandler(
				Math.max(1, database.unavailableRetryAfter().toSeconds()));
		this.endSession = new EndSessionEndpoint(endSessionRequests, browserSignOut);
	}

	void metadataEndpoint(OAuth2AuthorizationServerMetadataEndpointConfigurer metadata) {
		metadata.authorizationServerMetadataCustomizer((builder) -> builder
			.claims((claims) -> DiscoveryMetadata.customize(claims, this.keySet, this.registration)));
	}

	void providerConfigurationEndpoint(OidcProviderConfigurationEndpointConfigurer configuration) {
		configuration.providerConfigurationCustomizer((builder) -> builder
			.claims((claims) -> DiscoveryMetadata.customize(claims, this.keySet, this.registration)));
	}

	void userInfoEndpoint(OidcUserInfoEndpointConfigurer userInfo) {
		userInfo.authenticationProviders((providers) -> {
			providers.clear();
			providers.add(this.userInfo);
		}).errorResponseHandler(this.userInfoErrors);
	}

	void logoutEndpoint(OidcLogoutEndpointConfigurer logout) {
		logout.logoutRequestConverters((converters) -> {
			converters.clear();
			converters.add(this.endSession);
		}).authenticationProviders((providers) -> {
			providers.clear();
			providers.add(this.endSession);
		}).logoutResponseHandler(this.endSession).errorResponseHandler(this.endSession);
	}

}
