package dev.baton.auth.refresh;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;

/**
 * Registers {@link SuccessorDeliveryFilter} on the token endpoint, outside Spring
 * Security's filter chain (order -100), so it sees the finished response.
 */
@Configuration(proxyBeanMethods = false)
class SuccessorDeliveryConfiguration {

	static final int ORDER = -101;

	@Bean
	FilterRegistrationBean<SuccessorDeliveryFilter> successorDeliveryFilter(SuccessorDeliveries deliveries,
			AuthorizationServerSettings settings) {
		FilterRegistrationBean<SuccessorDeliveryFilter> registration = new FilterRegistrationBean<>(
				new SuccessorDeliveryFilter(deliveries));
		registration.addUrlPatterns(settings.getTokenEndpoint());
		registration.setOrder(ORDER);
		return registration;
	}

}
