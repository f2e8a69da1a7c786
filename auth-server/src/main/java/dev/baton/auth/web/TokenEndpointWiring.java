package dev.baton.auth.web;

import java.time.Clock;

import dev.baton.auth.database.RetryingAuthenticationProvider;
import dev.baton.auth.database.TransactionRetry;
import dev.baton.auth.refresh.FamilyAwareTokenIntrospectionAuthenticationProvider;
import dev.baton.auth.refresh.FamilyRevokingTokenRevocationAuthenticationProvider;
import dev.baton.auth.refresh.RefreshTokenRepository;
import dev.baton.auth.refresh.RefreshTokenRotator;
import dev.baton.auth.refresh.RotatingRefreshTokenAuthenticationProvider;
import dev.baton.auth.refresh.TokenFamilyRepository;
import dev.baton.auth.refresh.TokenFamilyService;
import dev.baton.auth.support.BatonMeters;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2TokenEndpointConfigurer;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2TokenIntrospectionEndpointConfigurer;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2TokenRevocationEndpointConfigurer;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2AuthorizationCodeAuthenticationConverter;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2ClientCredentialsAuthenticationConverter;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2RefreshTokenAuthenticationConverter;
import org.springframework.stereotype.Component;

/**
 * The token endpoint with the three grants of DESIGN.md (authorization code, refresh
 * token with Baton's rotation, client credentials; every other grant removed), and the
 * introspection and revocation endpoints with Baton's family-aware providers. Redeeming a
 * code and revoking are racing writes, run again whole on a lost race. A
 * client-credentials token touches no storage ({@link ClientCredentialsAuthorizations}).
 */
@Component
class TokenEndpointWiring {

	private final TransactionRetry transactions;

	private final AuthenticationProvider refreshGrant;

	private final AuthenticationProvider clientCredentialsGrant;

	private final AuthenticationProvider introspection;

	private final AuthenticationProvider revocation;

	TokenEndpointWiring(RefreshTokenRotator rotator, OAuth2TokenGenerator<? extends OAuth2Token> tokenGenerator,
			BatonMeters meters, TransactionRetry transactions, RefreshTokenRepository refreshTokens,
			TokenFamilyRepository familyRepository, TokenFamilyService families, JwtDecoder accessTokenDecoder,
			RegisteredClientRepository clients, Clock clock) {
		this.transactions = transactions;
		this.refreshGrant = new RotatingRefreshTokenAuthenticationProvider(rotator, tokenGenerator, meters,
				transactions);
		this.clientCredentialsGrant = new OAuth2ClientCredentialsAuthenticationProvider(
				new ClientCredentialsAuthorizations(), tokenGenerator);
		this.introspection = new FamilyAwareTokenIntrospectionAuthenticationProvider(accessTokenDecoder, refreshTokens,
				families, clients, clock);
		this.revocation = new RetryingAuthenticationProvider(new FamilyRevokingTokenRevocationAuthenticationProvider(
				refreshTokens, familyRepository, families, accessTokenDecoder), transactions);
	}

	void tokenEndpoint(OAuth2TokenEndpointConfigurer token) {
		token
			.accessTokenRequestConverters((converters) -> converters
				.removeIf((converter) -> !(converter instanceof OAuth2AuthorizationCodeAuthenticationConverter
						|| converter instanceof OAuth2RefreshTokenAuthenticationConverter
						|| converter instanceof OAuth2ClientCredentialsAuthenticationConverter)))
			.authenticationProviders((providers) -> {
				providers.removeIf((provider) -> !(provider instanceof OAuth2AuthorizationCodeAuthenticationProvider
						|| provider instanceof OAuth2ClientCredentialsAuthenticationProvider));
				providers.replaceAll((provider) -> (provider instanceof OAuth2ClientCredentialsAuthenticationProvider)
						? this.clientCredentialsGrant : provider);
				// Redeeming a code is a racing write too (RFC 6749 §4.1.2: once only).
				providers.replaceAll((provider) -> new RetryingAuthenticationProvider(provider, this.transactions));
				providers.add(this.refreshGrant);
			});
	}

	void introspectionEndpoint(OAuth2TokenIntrospectionEndpointConfigurer introspection) {
		introspection.authenticationProviders((providers) -> {
			providers.clear();
			providers.add(this.introspection);
		});
	}

	void revocationEndpoint(OAuth2TokenRevocationEndpointConfigurer revocation) {
		revocation.authenticationProviders((providers) -> {
			providers.clear();
			providers.add(this.revocation);
		});
	}

}
