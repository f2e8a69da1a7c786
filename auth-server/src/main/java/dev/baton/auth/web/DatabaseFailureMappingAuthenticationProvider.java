package dev.baton.auth.web;

import dev.baton.auth.database.DatabaseFailures;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/**
 * For endpoints whose framework filter turns every exception into {@code invalid_request}
 * (UserInfo): a database that cannot be reached becomes the OAuth error
 * {@code temporarily_unavailable}, which the endpoint's error handler answers with 503
 * and {@code Retry-After}, as everywhere else while the database is down.
 */
final class DatabaseFailureMappingAuthenticationProvider implements AuthenticationProvider {

	private final AuthenticationProvider delegate;

	DatabaseFailureMappingAuthenticationProvider(AuthenticationProvider delegate) {
		this.delegate = delegate;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		try {
			return this.delegate.authenticate(authentication);
		}
		catch (AuthenticationException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			if (DatabaseFailures.isUnavailable(ex) || DatabaseFailures.isConflict(ex)) {
				throw new OAuth2AuthenticationException(
						new OAuth2Error(DatabaseUnavailableFilter.TEMPORARILY_UNAVAILABLE,
								"The server is temporarily unavailable", null),
						ex);
			}
			throw ex;
		}
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return this.delegate.supports(authentication);
	}

}
