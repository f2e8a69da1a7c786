package dev.baton.auth.web;

import java.time.Clock;

import dev.baton.auth.mfa.SecondFactors;
import dev.baton.auth.user.UserAccountRepository;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationEndpointConfigurer;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.authentication.preauth.AbstractPreAuthenticatedProcessingFilter;
import org.springframework.stereotype.Component;

/**
 * The authorization endpoint: Baton's request checks and consent rule on the framework's
 * provider, the RFC 9207 {@code iss} on every response, errors at the redirect URI where
 * it is safe, and two filters ahead of the framework's endpoint for OpenID Connect's
 * {@code prompt}/{@code max_age} and the sign-in's second factor.
 */
@Component
class AuthorizationEndpointWiring {

	private final UserAccountRepository accounts;

	private final AuthorizationServerSettings settings;

	private final RegisteredClientRepository clients;

	private final SecondFactors secondFactors;

	private final Clock clock;

	private final AuthorizationErrorResponseHandler errors;

	private final PromptRedirects promptRedirects;

	AuthorizationEndpointWiring(UserAccountRepository accounts, AuthorizationServerSettings settings,
			RegisteredClientRepository clients, SecondFactors secondFactors, Clock clock) {
		this.accounts = accounts;
		this.settings = settings;
		this.clients = clients;
		this.secondFactors = secondFactors;
		this.clock = clock;
		this.errors = new AuthorizationErrorResponseHandler(clients, settings.getIssuer());
		this.promptRedirects = new PromptRedirects(clients, settings.getIssuer() + settings.getAuthorizationEndpoint());
	}

	/**
	 * Ahead of the framework's authorization endpoint, in this order (same anchor, the
	 * later one added later): {@code prompt} and {@code max_age} first, then the second
	 * factor of the sign-in that goes on.
	 */
	void addFilters(HttpSecurity http) {
		String endpoint = this.settings.getAuthorizationEndpoint();
		http.addFilterBefore(new AuthorizationPromptFilter(endpoint, this.promptRedirects, this.errors, this.clock),
				AbstractPreAuthenticatedProcessingFilter.class);
		http.addFilterBefore(new SecondFactorStepFilter(endpoint, this.clients, this.secondFactors,
				this.promptRedirects, this.errors), AbstractPreAuthenticatedProcessingFilter.class);
	}

	void configure(OAuth2AuthorizationEndpointConfigurer authorization) {
		authorization.consentPage("/oauth2/consent")
			.authorizationResponseHandler(new IssuerAuthorizationResponseHandler(this.settings.getIssuer()))
			.errorResponseHandler(this.errors)
			.authenticationProviders((providers) -> providers.forEach((provider) -> {
				if (provider instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider requests) {
					requests.setAuthenticationValidator(new AuthorizationRequestValidator(this.accounts));
					requests.setAuthorizationConsentRequired(new PromptConsentRule());
				}
			}));
	}

}
