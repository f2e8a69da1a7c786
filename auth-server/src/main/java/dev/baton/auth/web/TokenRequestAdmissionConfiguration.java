package dev.baton.auth.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;

/**
 * Registers {@link TokenRequestAdmission} on the token endpoint, after the request-size
 * and malformed-parameter checks and the database-unavailable mapping, ahead of the
 * successor delivery and the security chains.
 */
@Configuration(proxyBeanMethods = false)
class TokenRequestAdmissionConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(TokenRequestAdmissionConfiguration.class);

	static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 30;

	@Bean
	FilterRegistrationBean<TokenRequestAdmission> tokenRequestAdmission(TokenEndpointProperties properties,
			AuthorizationServerSettings settings) {
		int concurrency = properties.effectiveConcurrency(Runtime.getRuntime().availableProcessors());
		logger.info("Token requests are worked on {} at a time", concurrency);
		FilterRegistrationBean<TokenRequestAdmission> registration = new FilterRegistrationBean<>(
				new TokenRequestAdmission(concurrency, properties.queueTimeout()));
		registration.addUrlPatterns(settings.getTokenEndpoint());
		registration.setOrder(ORDER);
		return registration;
	}

}
