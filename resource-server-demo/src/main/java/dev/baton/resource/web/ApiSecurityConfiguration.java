package dev.baton.resource.web;

import dev.baton.resource.ResourceServerProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * One stateless chain: every request under {@code /api/**} needs a valid Baton access token, the notes endpoints
 * also their scope ({@link ScopeRule}); no session, no cookies, so no CSRF.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfiguration {

	@Bean
	SecurityFilterChain apiFilterChain(HttpSecurity http, JwtDecoder accessTokenDecoder,
			ResourceServerProperties properties) throws Exception {
		BearerTokenChallenges challenges = new BearerTokenChallenges();
		http.authorizeHttpRequests((authorize) -> {
			ScopeRule.RULES.forEach((rule) -> authorize.requestMatchers(rule.matcher()).hasAuthority(rule.authority()));
			authorize.requestMatchers("/api/public/**", "/error").permitAll().anyRequest().authenticated();
		})
			.oauth2ResourceServer((resourceServer) -> resourceServer
				.bearerTokenResolver(new AuthorizationHeaderBearerTokenResolver())
				.jwt((jwt) -> jwt.decoder(accessTokenDecoder))
				// RFC 9728 metadata at /.well-known/oauth-protected-resource: who this API is and whom it trusts
				.protectedResourceMetadata((metadata) -> metadata.protectedResourceMetadataCustomizer((builder) -> builder
					.resource(properties.audience())
					.authorizationServer(properties.issuer())
					.scopes((scopes) -> ScopeRule.RULES.forEach((rule) -> scopes.add(rule.scope())))
					.tlsClientCertificateBoundAccessTokens(false)))
				.authenticationEntryPoint(challenges)
				.accessDeniedHandler(challenges)
				.withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
					@Override
					public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
						filter.setAuthenticationFailureHandler(challenges);
						return filter;
					}
				}))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(challenges)
				.accessDeniedHandler(challenges))
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.csrf((csrf) -> csrf.disable());
		return http.build();
	}

	/** Spring's strict firewall, with its header-value rule evaluated without a regular expression. */
	@Bean
	HttpFirewall httpFirewall() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowedHeaderValues(HeaderValues::isAllowed);
		return firewall;
	}

}
