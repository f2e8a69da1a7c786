package dev.baton.auth.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRepository;

/**
 * Where CSRF tokens live: in a cookie ({@value #COOKIE}, HttpOnly, SameSite=Lax, Secure
 * over HTTPS) instead of the HTTP session, so an anonymous visit of the sign-in page
 * writes no session row (issue 13 item 10): only a successful sign-in, or an
 * authorization request that must survive the sign-in, creates one. The protection is the
 * same double-submit check (the form field or {@code X-CSRF-TOKEN} header must match the
 * cookie, compared through Spring Security's XOR-masked token), and every chain that
 * checks a token (pages, consent, account API) uses this one repository.
 */
@Configuration(proxyBeanMethods = false)
class CsrfTokenConfiguration {

	static final String COOKIE = "BATON_CSRF";

	@Bean
	CsrfTokenRepository csrfTokenRepository() {
		CookieCsrfTokenRepository repository = new CookieCsrfTokenRepository();
		repository.setCookieName(COOKIE);
		// the header the pages' script and API clients already send (the session
		// repository's default)
		repository.setHeaderName("X-CSRF-TOKEN");
		repository.setCookieCustomizer((cookie) -> cookie.httpOnly(true).sameSite("Lax"));
		return repository;
	}

}
