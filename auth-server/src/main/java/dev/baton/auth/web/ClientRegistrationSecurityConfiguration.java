package dev.baton.auth.web;

import dev.baton.auth.registration.RegistrationProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Dynamic client registration (RFC 7591/7592), when
 * {@code baton.registration.enabled=true}: stateless, no CSRF (a bearer token is never
 * sent by a browser on its own, RFC 6750), no session. The controller checks the initial
 * access token (a JWT) and the registration access token (opaque, hashed) itself, because
 * they are different kinds of token for the same path.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("baton.registration.enabled")
class ClientRegistrationSecurityConfiguration {

	@Bean
	@Order(5)
	SecurityFilterChain clientRegistrationFilterChain(HttpSecurity http) throws Exception {
		http.securityMatcher(RegistrationProperties.PATH, RegistrationProperties.PATH + "/**")
			.authorizeHttpRequests((authorize) -> authorize.anyRequest().permitAll())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.csrf((csrf) -> csrf.disable());
		return http.build();
	}

}
