package dev.baton.auth.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * Spring Security observes nothing: no observation per filter, per authentication or per
 * authorization decision. With them, every request ran each of the twenty-odd filters of
 * its chain through an observation wrapper, measurable on the token endpoint
 * (docs/PERFORMANCE.md). Request metrics ({@code http.server.requests}) and Baton's own
 * counters stay.
 */
@Configuration(proxyBeanMethods = false)
class SecurityObservationConfiguration {

	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

}
