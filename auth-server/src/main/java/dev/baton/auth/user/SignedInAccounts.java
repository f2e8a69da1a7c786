package dev.baton.auth.user;

import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * The account behind a request of Baton's own pages and APIs. A browser sign-in is named
 * by its username (the principal name Spring Session indexes sign-ins by); an access
 * token by its {@code sub}, the account id (OpenID Connect Core §2), so a token never
 * reaches an account that merely took over a freed username.
 */
@Component
public final class SignedInAccounts {

	private final UserAccountRepository accounts;

	public SignedInAccounts(UserAccountRepository accounts) {
		this.accounts = accounts;
	}

	/** The enabled account making the request, if any. */
	public Optional<UserAccount> of(Authentication authentication) {
		if (authentication == null || authentication.getName() == null) {
			return Optional.empty();
		}
		Optional<UserAccount> account = (authentication instanceof JwtAuthenticationToken)
				? this.accounts.findById(authentication.getName())
				: this.accounts.findByUsername(authentication.getName());
		return account.filter(UserAccount::enabled);
	}

	/**
	 * The account's id for a username, for naming a user in token families and audit
	 * events.
	 */
	public Optional<String> subjectOf(String username) {
		return this.accounts.findByUsername(username).map(UserAccount::id);
	}

}
