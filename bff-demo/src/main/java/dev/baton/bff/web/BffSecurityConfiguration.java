package dev.baton.bff.web;

import java.net.URI;

import dev.baton.bff.BffProperties;
import jakarta.servlet.http.HttpSessionListener;

import org.springframework.boot.web.servlet.ServletListenerRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.client.OidcBackChannelLogoutHandler;
import org.springframework.security.oauth2.client.oidc.session.InMemoryOidcSessionRegistry;
import org.springframework.security.oauth2.client.oidc.session.OidcSessionRegistry;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.session.HttpSessionEventPublisher;

/**
 * The app's one filter chain.
 * <ul>
 * <li>Sign-in: the authorization-code flow at Baton with PKCE (S256; Baton requires it of
 * this client, and Spring adds it on its own only for public clients), tokens kept in the
 * session.
 * <li>Sign-out: RP-initiated logout at Baton ({@code end_session_endpoint} with
 * {@code id_token_hint}, OpenID Connect RP-Initiated Logout 1.0 §2), back to this app's
 * page.
 * <li>Back-channel logout (OpenID Connect Back-Channel Logout 1.0) at
 * {@code /logout/connect/back-channel/baton}: a logout token from Baton ends the sessions
 * of its {@code sid}.
 * <li>CSRF: a cookie the page's script reads and echoes in a header (Spring's SPA
 * pattern); the sign-out form carries the token as a field.
 * <li>{@code /api/**} answers 401 to a caller without a session instead of redirecting it
 * to Baton.
 * <li>A strict Content-Security-Policy: scripts only from this origin, forms only to it
 * and Baton.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class BffSecurityConfiguration {

	@Bean
	SecurityFilterChain bffFilterChain(HttpSecurity http, ClientRegistrationRepository registrations,
			OidcSessionRegistry oidcSessions) throws Exception {
		DefaultOAuth2AuthorizationRequestResolver authorizationRequests = new DefaultOAuth2AuthorizationRequestResolver(
				registrations, OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI);
		authorizationRequests.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
		OidcClientInitiatedLogoutSuccessHandler logoutAtBaton = new OidcClientInitiatedLogoutSuccessHandler(
				registrations);
		logoutAtBaton.setPostLogoutRedirectUri("{baseUrl}/");
		http.authorizeHttpRequests(
				(authorize) -> authorize.requestMatchers("/", "/bff.js", "/bff.css", "/error", "/favicon.ico")
					.permitAll()
					.anyRequest()
					.authenticated())
			.oauth2Login((login) -> login.loginPage("/")
				.failureUrl("/?signInFailed")
				.authorizationEndpoint((endpoint) -> endpoint.authorizationRequestResolver(authorizationRequests))
				.oidcSessionRegistry(oidcSessions)
				.defaultSuccessUrl("/", true))
			.oidcLogout((logout) -> logout.oidcSessionRegistry(oidcSessions).backChannel((backChannel) -> {
			}))
			.logout((logout) -> logout.logoutSuccessHandler(logoutAtBaton))
			.csrf((csrf) -> csrf.spa())
			.exceptionHandling((exceptions) -> exceptions.defaultAuthenticationEntryPointFor(
					new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED),
					PathPatternRequestMatcher.withDefaults().matcher("/api/**")))
			.headers((headers) -> headers
				.contentSecurityPolicy((csp) -> csp.policyDirectives(contentSecurityPolicy(registrations))));
		return http.build();
	}

	/**
	 * The sessions signed in through Baton, by Baton's {@code sid}, for back-channel
	 * logout.
	 */
	@Bean
	OidcSessionRegistry oidcSessionRegistry() {
		return new InMemoryOidcSessionRegistry();
	}

	/**
	 * Spring's back-channel logout: for each session of the logout token it calls this
	 * app's own logout endpoint with that session's cookie, which must therefore be named
	 * as configured.
	 */
	@Bean
	OidcBackChannelLogoutHandler oidcBackChannelLogoutHandler(OidcSessionRegistry oidcSessions,
			Environment environment) {
		OidcBackChannelLogoutHandler handler = new OidcBackChannelLogoutHandler(oidcSessions);
		handler.setSessionCookieName(environment.getProperty("server.servlet.session.cookie.name", "JSESSIONID"));
		return handler;
	}

	/**
	 * Tells Spring Security when a session changes its id (at sign-in, against session
	 * fixation) or ends, so the registry of {@link #oidcSessionRegistry()} follows it.
	 */
	@Bean
	ServletListenerRegistrationBean<HttpSessionListener> sessionEventPublisher() {
		return new ServletListenerRegistrationBean<>(new HttpSessionEventPublisher());
	}

	/**
	 * No inline script or style; forms may post here and to Baton (the sign-out form's
	 * redirect goes there, and browsers apply {@code form-action} to redirects).
	 */
	static String contentSecurityPolicy(ClientRegistrationRepository registrations) {
		URI issuer = URI.create(
				registrations.findByRegistrationId(BffProperties.REGISTRATION_ID).getProviderDetails().getIssuerUri());
		String batonOrigin = issuer.getScheme() + "://" + issuer.getRawAuthority();
		return "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self'; "
				+ "form-action 'self' " + batonOrigin + "; frame-ancestors 'none'; base-uri 'none'";
	}

}
