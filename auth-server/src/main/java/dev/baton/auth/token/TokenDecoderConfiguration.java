package dev.baton.auth.token;

import java.time.Clock;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;

/**
 * How Baton verifies its own tokens, against its own key set: access tokens for userinfo
 * and introspection (RFC 9068 §4: {@code typ}, issuer, lifetime, required claims; any
 * audience, since they name the APIs), and ID tokens presented as {@code id_token_hint}
 * at logout (signature and issuer only: an expired ID token is still a valid hint, OIDC
 * RP-Initiated Logout §2).
 */
@Configuration(proxyBeanMethods = false)
class TokenDecoderConfiguration {

	/**
	 * Every algorithm Baton can sign with; the key set may hold keys of several while the
	 * setting changes.
	 */
	static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256, JWSAlgorithm.EdDSA);

	/**
	 * RFC 9068 §4 validation, with {@code exp} and {@code nbf} checked against the
	 * application's {@link Clock} (the one that stamped the token), not the system clock
	 * the framework's validator uses by default.
	 */
	@Bean
	@Primary
	JwtDecoder accessTokenDecoder(JWKSource<SecurityContext> jwkSource, AuthorizationServerSettings settings,
			Clock clock) {
		JwtTimestampValidator timestamps = new JwtTimestampValidator();
		timestamps.setClock(clock);
		OAuth2TokenValidator<Jwt> anyValue = (jwt) -> OAuth2TokenValidatorResult.success();
		NimbusJwtDecoder decoder = decoder(jwkSource);
		decoder.setJwtValidator(
				JwtValidators.createAtJwtValidator().issuer(settings.getIssuer()).validators((validators) -> {
					validators.put(JwtClaimNames.AUD, anyValue);
					validators.put(JwtClaimNames.EXP, required(JwtClaimNames.EXP, timestamps));
					validators.put(JwtClaimNames.IAT, required(JwtClaimNames.IAT, anyValue));
				}).build());
		return decoder;
	}

	/** The claim must be present (RFC 9068 §2.2), then {@code then} decides. */
	private static OAuth2TokenValidator<Jwt> required(String claim, OAuth2TokenValidator<Jwt> then) {
		OAuth2Error missing = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, claim + " must have a value",
				"https://datatracker.ietf.org/doc/html/rfc9068#name-data-structure");
		return (jwt) -> (jwt.getClaim(claim) != null) ? then.validate(jwt)
				: OAuth2TokenValidatorResult.failure(missing);
	}

	/**
	 * No time check at all, so there is no clock to give it: an expired ID token is still
	 * a valid hint.
	 */
	@Bean
	@Qualifier("idTokenHintDecoder")
	JwtDecoder idTokenHintDecoder(JWKSource<SecurityContext> jwkSource, AuthorizationServerSettings settings) {
		NimbusJwtDecoder decoder = decoder(jwkSource);
		decoder.setJwtValidator(new JwtIssuerValidator(settings.getIssuer()));
		return decoder;
	}

	private static NimbusJwtDecoder decoder(JWKSource<SecurityContext> jwkSource) {
		return NimbusJwtDecoder.withJwkSource(jwkSource)
			.jwtProcessorCustomizer((processor) -> OctetKeyPairVerification.configure(processor, ALGORITHMS, jwkSource))
			.build();
	}

}
