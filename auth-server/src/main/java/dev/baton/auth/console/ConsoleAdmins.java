package dev.baton.auth.console;

import dev.baton.auth.client.ClientActor;
import dev.baton.auth.support.RequestOrigins;
import dev.baton.auth.user.SignedInAccounts;
import dev.baton.auth.user.UserAccount;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * The administrator acting in the console, named in the audit log as
 * {@code user:<account id>}: the stable subject identifier, never the username (which a
 * deleted account frees). The admin API names its caller by the admin client's
 * {@code client_id}; the {@code user:} prefix keeps the two apart, since a username or a
 * client id may be anything. The services record this name where they record the acting
 * admin client: in {@code audit_event.client_id} for user events (whose subject is the
 * user acted on), in {@code subject} for client and signing-key events.
 */
@Component
final class ConsoleAdmins {

	static final String ACTOR_PREFIX = "user:";

	private final SignedInAccounts accounts;

	ConsoleAdmins(SignedInAccounts accounts) {
		this.accounts = accounts;
	}

	/**
	 * The signed-in admin's enabled account ({@link ConsoleAccess} has let only such a
	 * one in).
	 */
	UserAccount current(Authentication authentication) {
		return this.accounts.of(authentication)
			.orElseThrow(() -> new AccessDeniedException("The account is disabled or deleted"));
	}

	/** The audit name of the signed-in admin. */
	String actor(Authentication authentication) {
		return ACTOR_PREFIX + current(authentication).id();
	}

	ClientActor clientActor(Authentication authentication, HttpServletRequest request) {
		return new ClientActor(actor(authentication), RequestOrigins.of(request));
	}

}
