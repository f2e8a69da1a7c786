package dev.baton.auth.web;

import dev.baton.auth.audit.AuditLog;
import dev.baton.auth.mfa.SecondFactorRule;
import dev.baton.auth.mfa.SecondFactors;
import dev.baton.auth.passkey.Passkeys;
import dev.baton.auth.session.LogoutConfirmationController;
import dev.baton.auth.signin.KnownBrowsers;
import dev.baton.auth.signin.SignInFailureHandler;
import dev.baton.auth.signin.SignInThrottle;
import dev.baton.auth.signin.SignOutAuditor;
import dev.baton.auth.signin.ThrottlingAuthenticationProvider;
import dev.baton.auth.support.BatonServerProperties;
import dev.baton.auth.user.AccountUserDetailsService;
import dev.baton.auth.user.SignedInAccounts;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AccountStatusUserDetailsChecker;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfTokenRepository;

/**
 * Everything outside the protocol endpoints and the JSON APIs: Baton's pages (sign-in at
 * {@code /login}, registration, the account pages, consent), health, error pages, and the
 * 405 answers for protocol endpoints called with the wrong method. Every form is
 * CSRF-protected. Password sign-in goes through {@link ThrottlingAuthenticationProvider}
 * only: this chain has its own authentication manager without a parent, so no other
 * provider can check a password behind the throttle's back.
 */
@Configuration(proxyBeanMethods = false)
class DefaultSecurityConfiguration {

	@Bean
	@Order(100)
	SecurityFilterChain defaultFilterChain(HttpSecurity http, AccountUserDetailsService users,
			PasswordEncoder passwordEncoder, SignInThrottle throttle, KnownBrowsers knownBrowsers, AuditLog auditLog,
			SignedInAccounts accounts, CsrfTokenRepository csrfTokens, SecondFactors secondFactors, Passkeys passkeys,
			BatonServerProperties server) throws Exception {
		DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
		passwords.setPasswordEncoder(passwordEncoder);
		// The account's status only after its password: "disabled" is then no hint to
		// someone guessing.
		passwords.setPreAuthenticationChecks((user) -> {
		});
		passwords.setPostAuthenticationChecks(new AccountStatusUserDetailsChecker());
		http.authorizeHttpRequests((authorize) -> authorize
			.requestMatchers("/error", "/error/**", "/actuator/health", "/actuator/health/**", "/favicon.ico",
					"/css/**", "/js/**", "/login", "/account/register", "/account/password-reset",
					"/account/password-reset/new", "/account/email/verify", LogoutConfirmationController.PATH)
			.permitAll()
			.requestMatchers(ProtocolMethodController.PATHS)
			.permitAll()
			// the second step of a sign-in: signed in with the password, not yet with the
			// second factor
			.requestMatchers(SecondFactorStepFilter.SECOND_FACTOR_PAGE)
			.authenticated()
			.anyRequest()
			.access(SecondFactorRule.authenticated(secondFactors)))
			.exceptionHandling(
					(exceptions) -> exceptions.accessDeniedHandler(SecondFactorRule.accessDeniedHandler(null)))
			.csrf((csrf) -> csrf.csrfTokenRepository(csrfTokens)
				.ignoringRequestMatchers(ProtocolMethodController.PATHS))
			.authenticationManager(new ProviderManager(
					new ThrottlingAuthenticationProvider(passwords, throttle, knownBrowsers, auditLog, accounts)))
			.formLogin((form) -> form.loginPage("/login").failureHandler(new SignInFailureHandler()).permitAll())
			.logout((logout) -> logout.addLogoutHandler(new SignOutAuditor(auditLog, accounts))
				.logoutSuccessUrl("/login?logout")
				.permitAll())
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(
					"default-src 'none'; style-src 'self'; img-src 'self'; script-src 'self'; connect-src 'self'; "
							+ "frame-ancestors 'none'; base-uri 'none'")));
		// Passkeys: the framework's WebAuthn endpoints (sign-in, registration) on this
		// chain.
		passkeys.configure(http, server.issuer());
		return http.build();
	}

	/**
	 * User passwords: an adaptive hash (bcrypt by default, prefixed so the algorithm can
	 * change later).
	 */
	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

}
