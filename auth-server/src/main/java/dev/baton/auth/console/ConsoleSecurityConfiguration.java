package dev.baton.auth.console;

import dev.baton.auth.mfa.SecondFactorRule;
import dev.baton.auth.mfa.SecondFactors;
import dev.baton.auth.user.UserAccountRepository;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;

/**
 * The admin console under {@code /admin/**}: the browser sign-in session of the account
 * pages (form login at {@code /login} lives in the default chain; both read the same HTTP
 * session), every form CSRF-protected, the strict CSP of Baton's pages. An anonymous
 * request is sent to {@code /login} (and back afterwards); a signed-in user who is not an
 * enabled admin gets 403 with {@link ConsoleForbiddenController}'s page.
 * {@link ConsoleAccess} reads the account and its roles from the database on every
 * request, so a removed role or a disabled account closes the console at once, even for a
 * sign-in that began before the change.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurityConfiguration {

	static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self'; frame-ancestors 'none'; "
			+ "base-uri 'none'; form-action 'self'";

	@Bean
	@Order(90)
	SecurityFilterChain consoleFilterChain(HttpSecurity http, UserAccountRepository accounts,
			SecondFactors secondFactors) throws Exception {
		AccessDeniedHandlerImpl forbidden = new AccessDeniedHandlerImpl();
		forbidden.setErrorPage(ConsoleForbiddenController.PATH);
		http.securityMatcher("/admin", "/admin/**")
			.authorizeHttpRequests((authorize) -> authorize.requestMatchers(ConsoleForbiddenController.PATH)
				.permitAll()
				.anyRequest()
				.access(SecondFactorRule.then(secondFactors, new ConsoleAccess(accounts))))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/login"))
						.accessDeniedHandler(SecondFactorRule.accessDeniedHandler(forbidden)))
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CSP)));
		return http.build();
	}

}
