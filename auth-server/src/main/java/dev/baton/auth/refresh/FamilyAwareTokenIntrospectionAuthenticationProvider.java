package dev.baton.auth.refresh;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.baton.auth.client.ClientPolicy;
import dev.baton.auth.crypto.TokenHash;
import dev.baton.auth.refresh.RefreshTokenRepository.TokenWithFamily;
import dev.baton.auth.token.TokenClaims;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenIntrospection;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * Token introspection (RFC 7662) without stored access tokens. An access token is active
 * when its signature, issuer and lifetime verify, its client is still registered (and was
 * registered before the token was issued) and, for a user token, its family ({@code sid})
 * still stands: so the access tokens of a revoked family or a deleted client are reported
 * inactive at once. A refresh token is active while unconsumed, unexpired and in a
 * standing family. Anything else is {@code active: false}, with no hint why (§2.2).
 * <p>
 * Who may learn about a token (RFC 7662 §4, "the authorization server ... determine
 * whether the resource server is allowed to introspect"): an access token only to the
 * client it was issued to, or to a client registered as the resource server of one of the
 * token's audiences ({@code resource_server_audiences}); a refresh token only to its own
 * client. For anyone else the token is {@code active: false}, as if unknown, so
 * introspection cannot be used to read other clients' tokens.
 */
public final class FamilyAwareTokenIntrospectionAuthenticationProvider implements AuthenticationProvider {

	private final JwtDecoder accessTokenDecoder;

	private final RefreshTokenRepository refreshTokens;

	private final TokenFamilyService families;

	private final RegisteredClientRepository clients;

	private final Clock clock;

	public FamilyAwareTokenIntrospectionAuthenticationProvider(JwtDecoder accessTokenDecoder,
			RefreshTokenRepository refreshTokens, TokenFamilyService families, RegisteredClientRepository clients,
			Clock clock) {
		this.accessTokenDecoder = accessTokenDecoder;
		this.refreshTokens = refreshTokens;
		this.families = families;
		this.clients = clients;
		this.clock = clock;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		OAuth2TokenIntrospectionAuthenticationToken request = (OAuth2TokenIntrospectionAuthenticationToken) authentication;
		OAuth2ClientAuthenticationToken clientPrincipal = AuthenticatedClient.of(request.getPrincipal());
		String token = request.getToken();
		OAuth2TokenIntrospection claims = introspectAccessToken(token, clientPrincipal.getRegisteredClient())
			.or(() -> introspectRefreshToken(token, clientPrincipal.getRegisteredClient()))
			.orElseGet(() -> OAuth2TokenIntrospection.builder().build());
		return new OAuth2TokenIntrospectionAuthenticationToken(token, clientPrincipal, claims);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return OAuth2TokenIntrospectionAuthenticationToken.class.isAssignableFrom(authentication);
	}

	private Optional<OAuth2TokenIntrospection> introspectAccessToken(String token, RegisteredClient requester) {
		if (token.chars().filter((c) -> c == '.').count() != 2) {
			return Optional.empty();
		}
		Jwt jwt;
		try {
			jwt = this.accessTokenDecoder.decode(token);
		}
		catch (JwtException ex) {
			return Optional.empty();
		}
		if (!mayIntrospect(requester, jwt) || !isClientStillRegistered(jwt)) {
			return Optional.empty();
		}
		String familyId = TokenClaims.sessionId(jwt);
		// A user token names its session: it is active while the session and the user are
		// (DESIGN rule 8), and the
		// same read gives RFC 7662's human-readable username (the sub is the stable
		// account id).
		Optional<String> username = this.families.activeUsername(familyId);
		if (familyId != null && username.isEmpty()) {
			return Optional.empty();
		}
		OAuth2TokenIntrospection.Builder claims = OAuth2TokenIntrospection.builder(true)
			.tokenType("Bearer")
			.clientId(jwt.getClaimAsString("client_id"))
			.subject(jwt.getSubject())
			.issuer(jwt.getClaimAsString("iss"))
			.id(jwt.getId())
			.issuedAt(jwt.getIssuedAt())
			.expiresAt(jwt.getExpiresAt())
			.audiences((audiences) -> audiences.addAll(jwt.getAudience()));
		if (jwt.getNotBefore() != null) {
			claims.notBefore(jwt.getNotBefore());
		}
		Set<String> scopes = TokenClaims.scopes(jwt);
		if (!scopes.isEmpty()) {
			// One entry per scope: the response writer joins them with spaces (RFC 7662
			// §2.2).
			claims.scopes((granted) -> granted.addAll(scopes));
		}
		username.ifPresent(claims::username);
		return Optional.of(claims.build());
	}

	/**
	 * The token's own client, or a resource server of one of its audiences (RFC 7662 §4).
	 */
	private static boolean mayIntrospect(RegisteredClient requester, Jwt jwt) {
		if (requester.getClientId().equals(jwt.getClaimAsString("client_id"))) {
			return true;
		}
		List<String> audiences = jwt.getAudience();
		return audiences != null
				&& ClientPolicy.resourceServerAudiences(requester).stream().anyMatch(audiences::contains);
	}

	/**
	 * A deleted client's tokens end with it; so do tokens issued before a client of the
	 * same id was registered again ({@code iat} has whole seconds, hence the truncation).
	 */
	private boolean isClientStillRegistered(Jwt jwt) {
		String clientId = jwt.getClaimAsString("client_id");
		RegisteredClient client = (clientId != null) ? this.clients.findByClientId(clientId) : null;
		if (client == null) {
			return false;
		}
		Instant registered = client.getClientIdIssuedAt();
		return registered == null || jwt.getIssuedAt() == null
				|| !jwt.getIssuedAt().isBefore(registered.truncatedTo(ChronoUnit.SECONDS));
	}

	private Optional<OAuth2TokenIntrospection> introspectRefreshToken(String token, RegisteredClient client) {
		Instant now = this.clock.instant();
		return this.refreshTokens.findWithFamily(TokenHash.of(token))
			.filter((found) -> found.family().clientId().equals(client.getClientId()))
			.filter((found) -> !found.token().isConsumed() && !found.token().isExpiredAt(now))
			.filter((found) -> !found.family().isRevoked() && !found.family().isExpiredAt(now))
			.filter(TokenWithFamily::userEnabled)
			.map(FamilyAwareTokenIntrospectionAuthenticationProvider::refreshTokenClaims);
	}

	private static OAuth2TokenIntrospection refreshTokenClaims(TokenWithFamily found) {
		// No token_type: RFC 7662 §2.2 takes its values from RFC 6749 §7.1 (access token
		// types such as Bearer), and
		// a refresh token has none.
		return OAuth2TokenIntrospection.builder(true)
			.clientId(found.family().clientId())
			.subject(found.family().subject())
			.scopes((scopes) -> scopes.addAll(found.family().scopes()))
			.issuedAt(found.token().issuedAt())
			.expiresAt(found.token().expiresAt())
			.build();
	}

}
