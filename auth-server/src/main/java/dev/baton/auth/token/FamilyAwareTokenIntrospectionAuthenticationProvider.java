package dev.baton.auth.token;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import dev.baton.auth.crypto.TokenHash;
import dev.baton.auth.refresh.RefreshTokenRepository;
import dev.baton.auth.refresh.RefreshTokenRepository.TokenWithFamily;
import dev.baton.auth.refresh.TokenFamilyService;
import dev.baton.auth.support.SpaceDelimited;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenIntrospection;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * Token introspection (RFC 7662) without stored access tokens. An access token is active when its signature,
 * issuer and lifetime verify and, for a user token, its family ({@code sid}) still stands: so the access tokens of
 * a revoked family are reported inactive at once. A refresh token is active while unconsumed, unexpired and in a
 * standing family, and only its own client may introspect it. Anything else is {@code active: false}, with no
 * hint why (§2.2).
 */
public final class FamilyAwareTokenIntrospectionAuthenticationProvider implements AuthenticationProvider {

	private final JwtDecoder accessTokenDecoder;

	private final RefreshTokenRepository refreshTokens;

	private final TokenFamilyService families;

	private final Clock clock;

	public FamilyAwareTokenIntrospectionAuthenticationProvider(JwtDecoder accessTokenDecoder,
			RefreshTokenRepository refreshTokens, TokenFamilyService families, Clock clock) {
		this.accessTokenDecoder = accessTokenDecoder;
		this.refreshTokens = refreshTokens;
		this.families = families;
		this.clock = clock;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		OAuth2TokenIntrospectionAuthenticationToken request = (OAuth2TokenIntrospectionAuthenticationToken) authentication;
		if (!(request.getPrincipal() instanceof OAuth2ClientAuthenticationToken clientPrincipal)
				|| !clientPrincipal.isAuthenticated() || clientPrincipal.getRegisteredClient() == null) {
			throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
		}
		String token = request.getToken();
		OAuth2TokenIntrospection claims = introspectAccessToken(token)
			.or(() -> introspectRefreshToken(token, clientPrincipal.getRegisteredClient()))
			.orElseGet(() -> OAuth2TokenIntrospection.builder().build());
		return new OAuth2TokenIntrospectionAuthenticationToken(token, clientPrincipal, claims);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return OAuth2TokenIntrospectionAuthenticationToken.class.isAssignableFrom(authentication);
	}

	private Optional<OAuth2TokenIntrospection> introspectAccessToken(String token) {
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
		String familyId = jwt.getClaimAsString("sid");
		if (familyId != null && !this.families.isActive(familyId)) {
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
		if (jwt.getClaimAsString("scope") != null) {
			// One entry per scope: the response writer joins them with spaces (RFC 7662 §2.2).
			claims.scopes((scopes) -> scopes.addAll(SpaceDelimited.parse(jwt.getClaimAsString("scope"))));
		}
		return Optional.of(claims.build());
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
		return OAuth2TokenIntrospection.builder(true)
			.tokenType("refresh_token")
			.clientId(found.family().clientId())
			.subject(found.family().subject())
			.scopes((scopes) -> scopes.addAll(found.family().scopes()))
			.issuedAt(found.token().issuedAt())
			.expiresAt(found.token().expiresAt())
			.build();
	}

}
