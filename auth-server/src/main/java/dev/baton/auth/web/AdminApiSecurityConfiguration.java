package dev.baton.auth.web;

import dev.baton.auth.support.BatonServerProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Baton's admin JSON APIs under {@code /api/admin/**}: stateless, for a
 * client-credentials access token carrying the {@value #ADMIN_SCOPE} scope and Baton's
 * own audience ({@link OwnApiJwtDecoder}), verified with Baton's own key set. Errors per
 * RFC 6750 §3.
 */
@Configuration(proxyBeanMethods = false)
class AdminApiSecurityConfiguration {

	static final String ADMIN_SCOPE = "baton.admin";

	@Bean
	@Order(10)
	SecurityFilterChain adminApiFilterChain(HttpSecurity http, JwtDecoder accessTokenDecoder,
			BatonServerProperties properties) throws Exception {
		http.securityMatcher("/api/admin/**")
			.authorizeHttpRequests((authorize) -> authorize.anyRequest().hasAuthority("SCOPE_" + ADMIN_SCOPE))
			.oauth2ResourceServer((resourceServer) -> resourceServer
				.jwt((jwt) -> jwt.decoder(new OwnApiJwtDecoder(accessTokenDecoder, properties.issuer())))
				.authenticationEntryPoint(ProtectedResourceMetadataController.entryPoint(properties.issuer())))
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable());
		return http.build();
	}

}
