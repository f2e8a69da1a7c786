package dev.baton.auth.token;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

/**
 * Names and readers for what Baton carries through the framework's authorization and
 * request objects.
 */
public final class TokenAttributes {

	/**
	 * Authorization attribute: the audiences granted to a sign-in (RFC 8707), a
	 * {@code Set<String>}.
	 */
	public static final String RESOURCES = "baton.resources";

	/**
	 * Authorization attribute: the user's stable subject identifier
	 * ({@code user_account.id}), which becomes {@code sub} of the user's access and ID
	 * tokens (OpenID Connect Core §2, §5.7), while the principal name of the browser
	 * sign-in stays the username.
	 */
	public static final String SUBJECT = "baton.subject";

	private TokenAttributes() {
	}

	/**
	 * When the user authenticated: the newest factor of the authentication (OIDC Core §2
	 * {@code auth_time}).
	 */
	public static Optional<Instant> authenticationTime(Authentication authentication) {
		Instant newest = null;
		for (GrantedAuthority authority : authentication.getAuthorities()) {
			if (authority instanceof FactorGrantedAuthority factor
					&& (newest == null || factor.getIssuedAt().isAfter(newest))) {
				newest = factor.getIssuedAt();
			}
		}
		return Optional.ofNullable(newest);
	}

	/**
	 * A signed-in user as the framework's token generation expects it, rebuilt from
	 * storage: the subject and the time of authentication, which becomes
	 * {@code auth_time}; a password sign-in.
	 */
	public static Authentication userPrincipal(String subject, Instant authTime) {
		return userPrincipal(subject, authTime, Set.of());
	}

	/**
	 * A signed-in user rebuilt from storage with the RFC 8176 methods it signed in with
	 * ({@link AuthenticationMethods}), which become {@code amr} and {@code acr} of its ID
	 * tokens.
	 */
	public static Authentication userPrincipal(String subject, Instant authTime, Collection<String> methods) {
		List<GrantedAuthority> authorities = new ArrayList<>(AuthenticationMethods.factors(methods, authTime));
		authorities.add(new SimpleGrantedAuthority("ROLE_USER"));
		return UsernamePasswordAuthenticationToken.authenticated(new User(subject, "", authorities), null, authorities);
	}

	/**
	 * The {@code resource} parameters of a request, however the converter collected them.
	 */

}
