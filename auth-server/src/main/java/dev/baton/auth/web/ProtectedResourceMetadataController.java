package dev.baton.auth.web;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.baton.auth.support.BatonServerProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The protected-resource metadata of Baton's own APIs (RFC 9728 §3), which the
 * {@code WWW-Authenticate} header of their 401s points at ({@code resource_metadata}, RFC
 * 9728 §5.1). The resource is the issuer: the audience a token for Baton's admin, account
 * and metrics APIs must carry ({@link OwnApiJwtDecoder}); so the document lives at the
 * issuer's well-known URL without a path suffix (§3.1) and {@code resource} equals the
 * issuer (§3.3). It is public and needs no session: no login redirect, nothing stored.
 */
@RestController
class ProtectedResourceMetadataController {

	static final String PATH = "/.well-known/oauth-protected-resource";

	private final Map<String, Object> metadata;

	ProtectedResourceMetadataController(BatonServerProperties properties) {
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("resource", properties.issuer());
		metadata.put("authorization_servers", List.of(properties.issuer()));
		metadata.put("scopes_supported", List.of(AdminApiSecurityConfiguration.ADMIN_SCOPE,
				AccountApiSecurityConfiguration.ACCOUNT_SCOPE, ActuatorSecurityConfiguration.METRICS_SCOPE));
		metadata.put("bearer_methods_supported", List.of("header"));
		metadata.put("resource_name", "Baton admin, account and metrics APIs");
		this.metadata = Map.copyOf(metadata);
	}

	@GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> metadata() {
		return ResponseEntity.ok()
			.cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePublic())
			.body(this.metadata);
	}

	/**
	 * The 401 of Baton's APIs: {@code resource_metadata} names the issuer's document,
	 * whatever host was asked.
	 */
	static BearerTokenAuthenticationEntryPoint entryPoint(String issuer) {
		BearerTokenAuthenticationEntryPoint entryPoint = new BearerTokenAuthenticationEntryPoint();
		entryPoint.setResourceMetadataParameterResolver((request) -> issuer + PATH);
		return entryPoint;
	}

	@Configuration(proxyBeanMethods = false)
	static class Security {

		@Bean
		@Order(4)
		SecurityFilterChain protectedResourceMetadataFilterChain(HttpSecurity http) throws Exception {
			http.securityMatcher(PATH, PATH + "/**")
				.authorizeHttpRequests((authorize) -> authorize.anyRequest().permitAll())
				.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
				.requestCache((cache) -> cache.disable())
				.securityContext((context) -> context.disable())
				.anonymous((anonymous) -> anonymous.disable())
				.csrf((csrf) -> csrf.disable());
			return http.build();
		}

	}

}
