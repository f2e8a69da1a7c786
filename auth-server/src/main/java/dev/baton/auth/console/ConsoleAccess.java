package dev.baton.auth.console;

import java.util.function.Supplier;

import dev.baton.auth.user.UserAccount;
import dev.baton.auth.user.UserAccountRepository;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Opens the console to a browser sign-in whose account is, in the database and right now,
 * enabled and holds role {@code admin} ({@code ROLE_ADMIN}). The authorities a sign-in
 * was granted when it began are not trusted: {@code UserAdministration} ends the sign-ins
 * of a user who loses a role or is disabled, and this check closes the gap for any change
 * made another way (another node, the database itself).
 */
final class ConsoleAccess implements AuthorizationManager<RequestAuthorizationContext> {

	static final String ADMIN_ROLE = "admin";

	private final UserAccountRepository accounts;

	ConsoleAccess(UserAccountRepository accounts) {
		this.accounts = accounts;
	}

	@Override
	public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
			RequestAuthorizationContext context) {
		Authentication caller = authentication.get();
		if (!(caller instanceof UsernamePasswordAuthenticationToken) || caller instanceof AnonymousAuthenticationToken
				|| !caller.isAuthenticated()) {
			return new AuthorizationDecision(false);
		}
		boolean admin = this.accounts.findByUsername(caller.getName())
			.filter(UserAccount::enabled)
			.map((account) -> this.accounts.findRoles(account.id()).contains(ADMIN_ROLE))
			.orElse(false);
		return new AuthorizationDecision(admin);
	}

}
