package dev.baton.auth.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Everything outside the protocol endpoints: the sign-in form, health, error pages, and the 405 answers for
 * protocol endpoints called with the wrong method.
 */
@Configuration(proxyBeanMethods = false)
class DefaultSecurityConfiguration {

	@Bean
	@Order(100)
	SecurityFilterChain defaultFilterChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((authorize) -> authorize
			.requestMatchers("/error", "/error/**", "/actuator/health", "/actuator/health/**", "/favicon.ico")
			.permitAll()
			.requestMatchers(ProtocolMethodController.PATHS)
			.permitAll()
			.anyRequest()
			.authenticated())
			.csrf((csrf) -> csrf.ignoringRequestMatchers(ProtocolMethodController.PATHS))
			.formLogin(Customizer.withDefaults());
		return http.build();
	}

	/** User passwords: an adaptive hash (bcrypt by default, prefixed so the algorithm can change later). */
	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

}
