package dev.baton.auth.refresh;

import dev.baton.auth.crypto.TokenHash;
import dev.baton.auth.support.RequestOrigins;
import dev.baton.auth.token.TokenClaims;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenRevocationAuthenticationToken;

/**
 * Token revocation (RFC 7009). Revoking a refresh token revokes its whole family (§2.1:
 * the tokens of the same grant; DESIGN rule 6); revoking a user's access token revokes
 * its family too, which introspection then reports. An unknown or expired token gets a
 * 200 response with no effect (§2.2). A token issued to another client is refused (§2.1:
 * the server "verifies whether the token was issued to the client making the revocation
 * request. If this validation fails, the request is refused") with {@code invalid_grant}
 * (RFC 6749 §5.2: the grant "was issued to another client"; the error codes of §2.2.1)
 * and nothing is revoked. Client-credentials access tokens are self-contained and cannot
 * be revoked before they expire: they get {@code unsupported_token_type} (§2.2.1).
 */
public final class FamilyRevokingTokenRevocationAuthenticationProvider implements AuthenticationProvider {

	private static final Logger logger = LoggerFactory
		.getLogger(FamilyRevokingTokenRevocationAuthenticationProvider.class);

	private final RefreshTokenRepository refreshTokens;

	private final TokenFamilyRepository families;

	private final TokenFamilyService familyService;

	private final JwtDecoder accessTokenDecoder;

	public FamilyRevokingTokenRevocationAuthenticationProvider(RefreshTokenRepository refreshTokens,
			TokenFamilyRepository families, TokenFamilyService familyService, JwtDecoder accessTokenDecoder) {
		this.refreshTokens = refreshTokens;
		this.families = families;
		this.familyService = familyService;
		this.accessTokenDecoder = accessTokenDecoder;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		OAuth2TokenRevocationAuthenticationToken request = (OAuth2TokenRevocationAuthenticationToken) authentication;
		OAuth2ClientAuthenticationToken clientPrincipal = AuthenticatedClient.of(request.getPrincipal());
		String clientId = clientPrincipal.getRegisteredClient().getClientId();
		String token = request.getToken();
		if (!revokeRefreshToken(token, clientId)) {
			revokeAccessToken(token, clientId);
		}
		return new OAuth2TokenRevocationAuthenticationToken(token, clientPrincipal, request.getTokenTypeHint());
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return OAuth2TokenRevocationAuthenticationToken.class.isAssignableFrom(authentication);
	}

	private boolean revokeRefreshToken(String token, String clientId) {
		return this.refreshTokens.findWithFamily(TokenHash.of(token)).map((found) -> {
			revokeFamily(found.family(), clientId);
			return true;
		}).orElse(false);
	}

	private void revokeAccessToken(String token, String clientId) {
		if (token.chars().filter((c) -> c == '.').count() != 2) {
			return;
		}
		Jwt jwt;
		try {
			jwt = this.accessTokenDecoder.decode(token);
		}
		catch (JwtException ex) {
			return;
		}
		if (!clientId.equals(jwt.getClaimAsString("client_id"))) {
			logger.warn("Client {} tried to revoke an access token of another client", clientId);
			throw issuedToAnotherClient();
		}
		String familyId = TokenClaims.sessionId(jwt);
		if (familyId == null) {
			throw new OAuth2AuthenticationException(new OAuth2Error("unsupported_token_type",
					"Client credentials access tokens cannot be revoked; they expire within minutes", null));
		}
		this.families.findById(familyId).ifPresent((family) -> revokeFamily(family, clientId));
	}

	/** RFC 7009 §2.1 and §2.2.1: refused with an error, without saying more. */
	private static OAuth2AuthenticationException issuedToAnotherClient() {
		return new OAuth2AuthenticationException(
				new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT, "The token was not issued to this client", null));
	}

	private void revokeFamily(TokenFamily family, String clientId) {
		if (!family.clientId().equals(clientId)) {
			logger.warn("Client {} tried to revoke a token of family {} of another client", clientId, family.id());
			throw issuedToAnotherClient();
		}
		this.familyService.revoke(family, RevocationReason.TOKEN_REVOKED, RequestOrigins.current());
	}

}
