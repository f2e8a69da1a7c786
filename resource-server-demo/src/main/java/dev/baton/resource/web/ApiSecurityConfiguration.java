package dev.baton.resource.web;

import dev.baton.resource.ResourceServerProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * One stateless chain: every request under {@code /api/**} needs a valid Baton access
 * token, the notes endpoints also their scope ({@link ScopeRule}); no session, no
 * cookies, so no CSRF. The token is read by Spring Security's bearer token resolver
 * ({@code Authorization: Bearer} only, RFC 6750 §2.1) and verified by the
 * {@code JwtDecoder} bean ({@code token.AccessTokenDecoderConfiguration}); what is ours
 * is the answers ({@link BearerTokenChallenges}).
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfiguration {

	@Bean
	SecurityFilterChain apiFilterChain(HttpSecurity http, ResourceServerProperties properties) throws Exception {
		BearerTokenChallenges challenges = new BearerTokenChallenges();
		http.authorizeHttpRequests((authorize) -> {
			ScopeRule.RULES.forEach((rule) -> authorize.requestMatchers(rule.matcher()).hasAuthority(rule.authority()));
			authorize.requestMatchers("/api/public/**", "/error").permitAll().anyRequest().authenticated();
		})
			.oauth2ResourceServer((resourceServer) -> resourceServer.jwt(Customizer.withDefaults())
				// RFC 9728 metadata at /.well-known/oauth-protected-resource: who this
				// API is and whom it trusts
				.protectedResourceMetadata((metadata) -> metadata
					.protectedResourceMetadataCustomizer((builder) -> builder.resource(properties.audience())
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
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(challenges).accessDeniedHandler(challenges))
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.csrf((csrf) -> csrf.disable());
		return http.build();
	}

}
