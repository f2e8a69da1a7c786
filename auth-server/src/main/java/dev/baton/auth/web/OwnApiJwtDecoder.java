package dev.baton.auth.web;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Access tokens for Baton's own APIs ({@code /api/account/**}, {@code /api/admin/**}):
 * Baton's access-token rules (RFC 9068 §4) plus an audience that names Baton itself, its
 * issuer URL (RFC 9068 §4: the resource server "MUST validate that the aud claim contains
 * a resource indicator value corresponding to an identifier the resource server expects
 * for itself"; RFC 8707 §2). A token a client got for another API (its {@code aud} is,
 * say, {@code http://localhost:8080}) is {@code invalid_token} here, whatever its scopes.
 * A client gets Baton's audience by being registered with the issuer among its audiences
 * (and, if it has several, asking with {@code resource=<issuer>}).
 */
final class OwnApiJwtDecoder implements JwtDecoder {

	private static final Logger logger = LoggerFactory.getLogger(OwnApiJwtDecoder.class);

	private final JwtDecoder accessTokens;

	private final String issuer;

	OwnApiJwtDecoder(JwtDecoder accessTokens, String issuer) {
		this.accessTokens = accessTokens;
		this.issuer = issuer;
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		Jwt jwt = this.accessTokens.decode(token);
		List<String> audience = jwt.getAudience();
		if (audience == null || !audience.contains(this.issuer)) {
			logger.info("Access token of client {} refused at Baton's own API: audience {} does not name {}",
					jwt.getClaimAsString("client_id"), audience, this.issuer);
			throw new JwtValidationException("The token is not meant for this API",
					List.of(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "The token is not meant for this API",
							"https://datatracker.ietf.org/doc/html/rfc9068#section-4")));
		}
		return jwt;
	}

}
