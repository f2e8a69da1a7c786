package dev.baton.auth.token;

import java.util.Set;

import dev.baton.auth.support.SpaceDelimited;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The one reader of the claims Baton gives meaning to in its own tokens (docs/DESIGN.md,
 * "Tokens"): the session id and the scopes. Access tokens, ID tokens and logout tokens of
 * one session carry the same {@code sid}.
 */
public final class TokenClaims {

	/**
	 * The session: the token family id, in every access token and ID token of a user's
	 * session and in its logout tokens (OpenID Connect Back-Channel Logout 1.0 §2.4);
	 * absent from client-credentials tokens.
	 */
	public static final String SESSION_ID = "sid";

	/** The granted scopes, one space-separated string (RFC 9068 §2.2.3). */
	public static final String SCOPE = "scope";

	private TokenClaims() {
	}

	/** The token family of a user's token; {@code null} for a client's own token. */
	public static String sessionId(Jwt token) {
		return token.getClaimAsString(SESSION_ID);
	}

	/**
	 * Whether the token was issued to a user's session rather than to a client for
	 * itself.
	 */
	public static boolean isUserToken(Jwt token) {
		return sessionId(token) != null;
	}

	/** The token's scopes; empty when it has none. */
	public static Set<String> scopes(Jwt token) {
		return SpaceDelimited.parse(token.getClaimAsString(SCOPE));
	}

}
