package dev.baton.resource.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import dev.baton.resource.ResourceServerProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * How this API verifies an access token, locally and without a database (RFC 9068 §4):
 * <ol>
 * <li>header {@code typ} is {@code at+jwt}, so an ID token or another JWT of Baton's is
 * not accepted as an access token;</li>
 * <li>the signature verifies with one of Baton's published keys, under an algorithm of
 * the allow-list (RS256, ES256, EdDSA): never {@code none}, never an HMAC keyed with a
 * public key (RFC 8725 §3.1);</li>
 * <li>{@code iss} is Baton's issuer, {@code aud} contains this API's audience;</li>
 * <li>{@code exp}, {@code nbf} and {@code iat} hold with a small clock skew; {@code sub},
 * {@code client_id} and {@code jti} are present.</li>
 * </ol>
 * The decoder is Spring Security's {@link NimbusJwtDecoder}; its key source is
 * {@link RemoteJwkSource} rather than {@code NimbusJwtDecoder.withJwkSetUri(...)}, whose
 * key source fetches the JWKS again for every token with an unknown {@code kid} (no rate
 * limit: a flood of made-up key ids would hammer Baton, see {@code JwksFetchingTests})
 * and whose algorithm list cannot name EdDSA, one of the algorithms Baton signs with.
 */
@Configuration(proxyBeanMethods = false)
class AccessTokenDecoderConfiguration {

	/** The algorithms Baton signs with. Asymmetric only. */
	static final Set<JWSAlgorithm> ALLOWED_ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256,
			JWSAlgorithm.EdDSA);

	private static final Set<JOSEObjectType> ACCESS_TOKEN_TYPES = Set.of(new JOSEObjectType("at+jwt"),
			new JOSEObjectType("application/at+jwt"));

	@Bean(destroyMethod = "close")
	RemoteJwkSource remoteJwkSource(ResourceServerProperties properties) {
		ResourceServerProperties.Jwks jwks = properties.jwks();
		return RemoteJwkSource.create(properties.resolvedJwkSetUri(), jwks.cacheTtl(), jwks.refreshAhead(),
				jwks.unknownKeyRefetchInterval(), jwks.timeout());
	}

	@Bean
	JwtDecoder accessTokenDecoder(RemoteJwkSource jwkSource, OAuth2TokenValidator<Jwt> accessTokenValidator) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(jwkSource).jwtProcessorCustomizer((processor) -> {
			processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(ACCESS_TOKEN_TYPES));
			processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALLOWED_ALGORITHMS, jwkSource));
		}).build();
		decoder.setJwtValidator(accessTokenValidator);
		return decoder;
	}

	/**
	 * The claims checks of an access token (RFC 9068 §4), everything but the signature.
	 */
	@Bean
	OAuth2TokenValidator<Jwt> accessTokenValidator(ResourceServerProperties properties, Clock clock) {
		JwtTimestampValidator lifetime = new JwtTimestampValidator(properties.clockSkew());
		lifetime.setClock(clock);
		OAuth2TokenValidator<Jwt> issuedAt = (jwt) -> issuedInThePast(jwt, properties.clockSkew(), clock);
		return JwtValidators.createAtJwtValidator()
			.issuer(properties.issuer())
			.audience(properties.audience())
			.validators((validators) -> {
				validators.put(JwtClaimNames.EXP, new DelegatingOAuth2TokenValidator<>(
						new JwtClaimValidator<>(JwtClaimNames.EXP, Objects::nonNull), lifetime));
				validators.put(JwtClaimNames.IAT, issuedAt);
			})
			.build();
	}

	/**
	 * {@code iat} is required (RFC 9068 §2.2) and must not lie in the future beyond the
	 * skew. Its age is no criterion: {@code exp} bounds that. (Spring's
	 * {@code JwtIssuedAtValidator} also rejects old {@code iat}, which suits DPoP proofs,
	 * not access tokens.)
	 */
	private static OAuth2TokenValidatorResult issuedInThePast(Jwt jwt, Duration clockSkew, Clock clock) {
		Instant issuedAt = jwt.getIssuedAt();
		if (issuedAt == null || issuedAt.isAfter(clock.instant().plus(clockSkew))) {
			return OAuth2TokenValidatorResult
				.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "iat is missing or in the future", null));
		}
		return OAuth2TokenValidatorResult.success();
	}

}
