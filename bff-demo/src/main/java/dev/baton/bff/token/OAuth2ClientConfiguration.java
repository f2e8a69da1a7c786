package dev.baton.bff.token;

import java.time.Clock;

import jakarta.servlet.http.HttpSessionListener;

import org.springframework.boot.web.servlet.ServletListenerRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenValidator;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.web.util.HttpSessionMutexListener;

/**
 * Where the tokens live and how they are renewed. The authorized client (access, refresh
 * and ID token) is an attribute of the user's HTTP session
 * ({@link HttpSessionOAuth2AuthorizedClientRepository}), so it belongs to that one
 * browser sign-in and ends with it; nothing of it is ever written to a response. The
 * refresh uses the application's clock, as do the ID token checks.
 */
@Configuration(proxyBeanMethods = false)
class OAuth2ClientConfiguration {

	/**
	 * Per session, not per user (Spring's default): two devices of one user are two Baton
	 * sessions.
	 */
	@Bean
	OAuth2AuthorizedClientRepository authorizedClientRepository() {
		return new HttpSessionOAuth2AuthorizedClientRepository();
	}

	@Bean
	OAuth2AuthorizedClientManager authorizedClientManager(ClientRegistrationRepository registrations,
			OAuth2AuthorizedClientRepository authorizedClients, Clock clock) {
		DefaultOAuth2AuthorizedClientManager manager = new DefaultOAuth2AuthorizedClientManager(registrations,
				authorizedClients);
		manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
			.authorizationCode()
			.refreshToken((refresh) -> refresh.clock(clock))
			.build());
		return manager;
	}

	/**
	 * Checks the ID token of a sign-in (OpenID Connect Core §3.1.3.7) with the
	 * application's clock.
	 */
	@Bean
	JwtDecoderFactory<ClientRegistration> idTokenDecoderFactory(Clock clock) {
		OidcIdTokenDecoderFactory factory = new OidcIdTokenDecoderFactory();
		factory.setJwtValidatorFactory((registration) -> {
			JwtTimestampValidator lifetime = new JwtTimestampValidator();
			lifetime.setClock(clock);
			OidcIdTokenValidator claims = new OidcIdTokenValidator(registration);
			claims.setClock(clock);
			return new DelegatingOAuth2TokenValidator<>(lifetime, claims);
		});
		return factory;
	}

	/**
	 * Puts a mutex into every new session: {@link SessionAccessTokens} refreshes under
	 * it.
	 */
	@Bean
	ServletListenerRegistrationBean<HttpSessionListener> sessionMutexListener() {
		return new ServletListenerRegistrationBean<>(new HttpSessionMutexListener());
	}

}
