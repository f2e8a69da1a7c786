package dev.baton.resource.bench;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Remembers, for a short while, the exact tokens whose signature has verified, so a
 * client that sends the same access token many times during its few minutes of life costs
 * one signature verification, not one per request. Still stateless towards Baton: it
 * memoizes a pure function of the token bytes and the published keys.
 * <p>
 * A remembered token is validated again on every use (lifetime, issuer, audience, type:
 * the claims checks are cheap; the signature is what is skipped), so it stops working the
 * moment it expires. Only tokens that verified are remembered; a bad token is verified
 * (and rejected) every time. An entry lives at most {@code ttl} after its verification,
 * which bounds how long a key removed from the JWKS stays trusted for tokens already
 * seen: no longer than the JWKS cache keeps that key anyway.
 */
final class CachingJwtDecoder implements JwtDecoder {

	private final JwtDecoder verifyingDecoder;

	private final OAuth2TokenValidator<Jwt> validator;

	private final Cache<String, Jwt> verified;

	/**
	 * @param verifyingDecoder verifies the signature and validates the claims of a token
	 * not seen yet
	 * @param validator the claims validation of {@code verifyingDecoder}, repeated on
	 * every use of a remembered token
	 */
	CachingJwtDecoder(JwtDecoder verifyingDecoder, OAuth2TokenValidator<Jwt> validator, Duration ttl, long maxSize) {
		this.verifyingDecoder = verifyingDecoder;
		this.validator = validator;
		this.verified = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maxSize).build();
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		Jwt remembered = this.verified.getIfPresent(token);
		if (remembered == null) {
			Jwt jwt = this.verifyingDecoder.decode(token);
			this.verified.put(token, jwt);
			return jwt;
		}
		OAuth2TokenValidatorResult result = this.validator.validate(remembered);
		if (result.hasErrors()) {
			this.verified.invalidate(token);
			throw new JwtValidationException("Remembered token no longer valid", result.getErrors());
		}
		return remembered;
	}

}
