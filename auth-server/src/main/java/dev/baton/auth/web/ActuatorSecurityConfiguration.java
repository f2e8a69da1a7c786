package dev.baton.auth.web;

import java.util.List;
import java.util.function.Supplier;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The actuator under {@code /actuator/**}: {@code /actuator/health} with its liveness and
 * readiness groups is public (load balancers and orchestrators probe it without a
 * credential); everything else, Prometheus metrics included, needs a bearer access token
 * (RFC 6750) with scope {@value #METRICS_SCOPE} issued for Baton itself ({@code aud}
 * contains the issuer, RFC 9068 §4). Stateless: a browser's sign-in session is never read
 * here, so a signed-in end user gets 401 like anyone without a token.
 */
@Configuration(proxyBeanMethods = false)
class ActuatorSecurityConfiguration {

	static final String METRICS_SCOPE = "baton.metrics";

	@Bean
	@Order(15)
	SecurityFilterChain actuatorFilterChain(HttpSecurity http, AuthorizationServerSettings settings) throws Exception {
		http.securityMatcher("/actuator/**")
			.authorizeHttpRequests((authorize) -> authorize.requestMatchers("/actuator/health", "/actuator/health/**")
				.permitAll()
				.anyRequest()
				.access((authentication, context) -> decide(authentication, settings.getIssuer())))
			.oauth2ResourceServer((resourceServer) -> resourceServer.jwt(Customizer.withDefaults())
				.authenticationEntryPoint(ProtectedResourceMetadataController.entryPoint(settings.getIssuer())))
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.csrf((csrf) -> csrf.disable());
		return http.build();
	}

	private static AuthorizationResult decide(Supplier<? extends Authentication> authentication, String issuer) {
		if (!(authentication.get() instanceof JwtAuthenticationToken token)) {
			return new AuthorizationDecision(false);
		}
		List<String> audience = token.getToken().getAudience();
		boolean granted = token.getAuthorities()
			.stream()
			.anyMatch((authority) -> ("SCOPE_" + METRICS_SCOPE).equals(authority.getAuthority())) && audience != null
				&& audience.contains(issuer);
		return new AuthorizationDecision(granted);
	}

}
