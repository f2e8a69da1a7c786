package dev.baton.auth.session;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers {@link BrowserCookie} ahead of Spring Security, so redirects to the sign-in
 * page carry it too.
 */
@Configuration(proxyBeanMethods = false)
class BrowserCookieConfiguration {

	@Bean
	FilterRegistrationBean<BrowserCookie> browserCookieFilter() {
		FilterRegistrationBean<BrowserCookie> registration = new FilterRegistrationBean<>(new BrowserCookie());
		registration.setOrder(-102);
		return registration;
	}

}
