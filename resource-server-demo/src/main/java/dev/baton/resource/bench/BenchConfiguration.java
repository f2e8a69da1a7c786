package dev.baton.resource.bench;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.Profile;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * The {@code bench} profile ({@code --spring.profiles.active=bench}, what
 * {@code bench/resource-server/api-me.sh} starts): the tuning measured in
 * docs/PERFORMANCE.md on top of the sample, and the {@link BaselineController} to measure
 * against. Each part keeps the sample's answers; a copy of the sample leaves this package
 * out.
 * <ul>
 * <li>a cache of verified tokens in front of the sample's decoder
 * ({@link CachingJwtDecoder});</li>
 * <li>Spring's bearer token resolver and firewall header rule, each as a loop instead of
 * a regular expression ({@link AuthorizationHeaderBearerTokenResolver},
 * {@link HeaderValues}); unit tests check they agree with Spring's.</li>
 * </ul>
 * Spring Security picks up the {@link BearerTokenResolver} and {@link HttpFirewall} beans
 * by type, and the {@code @Primary} decoder wins over the sample's.
 */
@Configuration(proxyBeanMethods = false)
@Profile("bench")
class BenchConfiguration {

	@Bean
	@Primary
	JwtDecoder cachingAccessTokenDecoder(@Qualifier("accessTokenDecoder") JwtDecoder accessTokenDecoder,
			OAuth2TokenValidator<Jwt> accessTokenValidator, BenchProperties properties) {
		BenchProperties.VerifiedTokens cache = properties.verifiedTokens();
		if (cache.maxSize() <= 0) {
			return accessTokenDecoder;
		}
		return new CachingJwtDecoder(accessTokenDecoder, accessTokenValidator, cache.ttl(), cache.maxSize());
	}

	@Bean
	BearerTokenResolver bearerTokenResolver() {
		return new AuthorizationHeaderBearerTokenResolver();
	}

	/**
	 * Spring's strict firewall, with its header-value rule evaluated without a regular
	 * expression.
	 */
	@Bean
	HttpFirewall httpFirewall() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowedHeaderValues(HeaderValues::isAllowed);
		return firewall;
	}

}
