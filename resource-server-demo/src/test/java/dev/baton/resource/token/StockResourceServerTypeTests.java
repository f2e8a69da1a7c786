package dev.baton.resource.token;

import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What the README's "Protect your API" tells the owner of a stock Spring Boot resource
 * server: the decoder Boot builds validates with
 * {@code JwtValidators.createDefaultWithIssuer}, whose {@code JwtTypeValidator.jwt()}
 * accepts only {@code typ: JWT} (or none) and so refuses Baton's RFC 9068 {@code at+jwt}
 * access tokens; setting {@code JwtValidators.createAtJwtValidator()} as the decoder's
 * validator accepts them.
 */
class StockResourceServerTypeTests {

	private static final String ISSUER = "http://localhost:9000";

	private static final String AUDIENCE = "http://localhost:8080";

	@Test
	void stockValidatorWhenAtJwtThenRefusedAndAtJwtValidatorThenAccepted() throws Exception {
		RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
		String token = accessToken(key);
		NimbusJwtDecoder stock = NimbusJwtDecoder.withPublicKey((RSAPublicKey) key.toPublicKey()).build();
		stock.setJwtValidator(JwtValidators.createDefaultWithIssuer(ISSUER));

		assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> stock.decode(token))
			.withMessageContaining("typ");

		NimbusJwtDecoder configured = NimbusJwtDecoder.withPublicKey((RSAPublicKey) key.toPublicKey()).build();
		configured.setJwtValidator(JwtValidators.createAtJwtValidator().issuer(ISSUER).audience(AUDIENCE).build());
		assertThat(configured.decode(token).getSubject()).isEqualTo("user-1");
	}

	private static String accessToken(RSAKey key) throws Exception {
		Instant now = Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER)
			.subject("user-1")
			.audience(List.of(AUDIENCE))
			.claim("client_id", "demo-web")
			.jwtID("j1")
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(300)))
			.build();
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.RS256).type(new JOSEObjectType("at+jwt")).keyID("k1").build(),
				claims);
		jwt.sign(new RSASSASigner(key));
		return jwt.serialize();
	}

}
