package dev.baton.auth.database;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;

/**
 * Runs a framework provider whose work is one racing write (the authorization-code
 * exchange, which invalidates the code, RFC 6749 §4.1.2; the revocation of a family, RFC
 * 7009 §2.1) again when its transaction lost a race ({@link TransactionRetry}). The next
 * attempt sees the winner's committed state, so a code redeemed in parallel is
 * {@code invalid_grant} and not a 5xx.
 */
public final class RetryingAuthenticationProvider implements AuthenticationProvider {

	private final AuthenticationProvider delegate;

	private final TransactionRetry retry;

	public RetryingAuthenticationProvider(AuthenticationProvider delegate, TransactionRetry retry) {
		this.delegate = delegate;
		this.retry = retry;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		return this.retry.run(this.delegate.getClass().getSimpleName(),
				() -> this.delegate.authenticate(authentication));
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return this.delegate.supports(authentication);
	}

}
