package dev.baton.resource.me;

import java.time.Instant;
import java.util.List;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * What {@code GET /api/me} tells the caller about its own token.
 *
 * @param subject the user ({@code sub}), or the client itself for a client-credentials
 * token
 * @param clientId the client the token was issued to
 * @param scopes the granted scopes
 * @param audience the APIs the token is for
 * @param expiresAt when the token stops working
 */
public record CallerView(String subject, String clientId, List<String> scopes, List<String> audience,
		Instant expiresAt) {

	public static CallerView of(Jwt token) {
		String scope = token.getClaimAsString("scope");
		List<String> scopes = (scope != null && !scope.isBlank()) ? List.of(scope.trim().split(" +")) : List.of();
		return new CallerView(token.getSubject(), token.getClaimAsString("client_id"), scopes, token.getAudience(),
				token.getExpiresAt());
	}

}
