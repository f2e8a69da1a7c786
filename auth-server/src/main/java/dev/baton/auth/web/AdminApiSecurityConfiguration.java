package dev.baton.auth.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Baton's admin JSON APIs under {@code /api/admin/**}: stateless, for a client-credentials access token carrying
 * the {@value #ADMIN_SCOPE} scope, verified with Baton's own key set. Errors per RFC 6750 §3.
 */
@Configuration(proxyBeanMethods = false)
class AdminApiSecurityConfiguration {

	static final String ADMIN_SCOPE = "baton.admin";

	@Bean
	@Order(10)
	SecurityFilterChain adminApiFilterChain(HttpSecurity http) throws Exception {
		http.securityMatcher("/api/admin/**")
			.authorizeHttpRequests((authorize) -> authorize.anyRequest().hasAuthority("SCOPE_" + ADMIN_SCOPE))
			.oauth2ResourceServer((resourceServer) -> resourceServer.jwt(Customizer.withDefaults()))
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable());
		return http.build();
	}

}
