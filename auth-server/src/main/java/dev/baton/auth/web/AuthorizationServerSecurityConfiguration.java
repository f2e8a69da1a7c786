package dev.baton.auth.web;

import dev.baton.auth.code.HashingAuthorizationService;
import dev.baton.auth.consent.ConsentSubmissions;
import dev.baton.auth.support.BatonServerProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.CsrfConfigurer;
import org.springframework.security.config.annotation.web.configurers.ExceptionHandlingConfigurer;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * The protocol endpoints: Spring Security's authorization server, with Baton's storage,
 * token generator and providers plugged in where the framework's defaults fall short, one
 * named method per endpoint (the {@code *Wiring} classes). Only the grants of DESIGN.md
 * are enabled (authorization code with PKCE, refresh token, client credentials); device
 * code and token exchange are removed, as are client authentication by JWT assertion or
 * certificate.
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerSecurityConfiguration {

	@Bean
	AuthorizationServerSettings authorizationServerSettings(BatonServerProperties properties) {
		return AuthorizationServerSettings.builder().issuer(properties.issuer()).build();
	}

	@Bean
	@Order(1)
	SecurityFilterChain authorizationServerFilterChain(HttpSecurity http, AuthorizationServerSettings settings,
			RegisteredClientRepository clients, HashingAuthorizationService authorizationService,
			OAuth2TokenGenerator<? extends OAuth2Token> tokenGenerator, ClientAuthenticationWiring clientAuthentication,
			AuthorizationEndpointWiring authorization, TokenEndpointWiring tokens, OidcEndpointWiring oidc,
			CsrfTokenRepository csrfTokens) throws Exception {
		http.oauth2AuthorizationServer((server) -> http.securityMatcher(server.getEndpointsMatcher()));
		authorization.addFilters(http);
		http.exceptionHandling((exceptions) -> entryPoints(exceptions, settings))
			.oauth2AuthorizationServer((server) -> server.registeredClientRepository(clients)
				.authorizationService(authorizationService)
				.tokenGenerator(tokenGenerator)
				.clientAuthentication(clientAuthentication::configure)
				.authorizationEndpoint(authorization::configure)
				.tokenEndpoint(tokens::tokenEndpoint)
				.tokenIntrospectionEndpoint(tokens::introspectionEndpoint)
				.tokenRevocationEndpoint(tokens::revocationEndpoint)
				.authorizationServerMetadataEndpoint(oidc::metadataEndpoint)
				.oidc((openId) -> openId.providerConfigurationEndpoint(oidc::providerConfigurationEndpoint)
					.userInfoEndpoint(oidc::userInfoEndpoint)
					.logoutEndpoint(oidc::logoutEndpoint)))
			.authorizeHttpRequests((authorize) -> authorize.anyRequest().authenticated())
			.csrf((csrf) -> consentSubmissionsOnly(csrf, csrfTokens, settings));
		return http.build();
	}

	/**
	 * First registered wins: ahead of the framework's bare 401 and login redirects, a
	 * failed client authentication at the client endpoints is an OAuth
	 * {@code invalid_client} and a browser at the authorization endpoint is sent to the
	 * sign-in page.
	 */
	private static void entryPoints(ExceptionHandlingConfigurer<HttpSecurity> exceptions,
			AuthorizationServerSettings settings) {
		PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
		var clientEndpoints = new OrRequestMatcher(paths.matcher(HttpMethod.POST, settings.getTokenEndpoint()),
				paths.matcher(HttpMethod.POST, settings.getTokenIntrospectionEndpoint()),
				paths.matcher(HttpMethod.POST, settings.getTokenRevocationEndpoint()));
		exceptions
			.defaultAuthenticationEntryPointFor(
					(request, response, ex) -> OAuthErrorResponses.writeInvalidClient(response), clientEndpoints)
			.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
					paths.matcher(settings.getAuthorizationEndpoint()));
	}

	/**
	 * The framework exempts every protocol endpoint from CSRF; consent submissions get it
	 * back.
	 */
	private static void consentSubmissionsOnly(CsrfConfigurer<HttpSecurity> csrf, CsrfTokenRepository csrfTokens,
			AuthorizationServerSettings settings) {
		csrf.csrfTokenRepository(csrfTokens).withObjectPostProcessor(new ObjectPostProcessor<CsrfFilter>() {
			@Override
			public <O extends CsrfFilter> O postProcess(O filter) {
				filter.setRequireCsrfProtectionMatcher(ConsentSubmissions.matcher(settings.getAuthorizationEndpoint()));
				return filter;
			}
		});
	}

}
