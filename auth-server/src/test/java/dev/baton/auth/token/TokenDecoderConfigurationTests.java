package dev.baton.auth.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.factories.DefaultJWSSignerFactory;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Baton verifies its own access tokens (introspection, userinfo) for every signing
 * algorithm it offers, and only RFC 9068 access tokens of its own issuer.
 */
class TokenDecoderConfigurationTests {

	private static final String ISSUER = "http://localhost:9000";

	private static final AuthorizationServerSettings SETTINGS = AuthorizationServerSettings.builder()
		.issuer(ISSUER)
		.build();

	private final TokenDecoderConfiguration configuration = new TokenDecoderConfiguration();

	@ParameterizedTest
	@ValueSource(strings = { "RS256", "ES256", "EdDSA" })
	void accessTokenDecoderWhenSignedWithPublishedKeyThenVerifies(String algorithm) throws Exception {
		JWK key = generate(JWSAlgorithm.parse(algorithm));
		JwtDecoder decoder = this.configuration.accessTokenDecoder(jwks(key), SETTINGS, Clock.systemUTC());

		Jwt jwt = decoder.decode(sign(key, "at+jwt", ISSUER));

		assertThat(jwt.getSubject()).isEqualTo("alice");
		assertThat(jwt.getHeaders()).containsEntry("alg", algorithm);
	}

	@ParameterizedTest
	@ValueSource(strings = { "RS256", "ES256", "EdDSA" })
	void accessTokenDecoderWhenSignedWithUnpublishedKeyThenRejected(String algorithm) throws Exception {
		JWK published = generate(JWSAlgorithm.parse(algorithm));
		JWK other = generate(JWSAlgorithm.parse(algorithm));
		JwtDecoder decoder = this.configuration.accessTokenDecoder(jwks(published), SETTINGS, Clock.systemUTC());
		// Same kid, other key: the signature must be checked, not just the key id.
		JWK impostor = withKid(other, published.getKeyID());

		assertThatExceptionOfType(JwtException.class)
			.isThrownBy(() -> decoder.decode(sign(impostor, "at+jwt", ISSUER)));
	}

	@Test
	void accessTokenDecoderWhenNotAnAccessTokenTypeThenRejected() throws Exception {
		JWK key = generate(JWSAlgorithm.EdDSA);
		JwtDecoder decoder = this.configuration.accessTokenDecoder(jwks(key), SETTINGS, Clock.systemUTC());

		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> decoder.decode(sign(key, "JWT", ISSUER)));
	}

	@Test
	void accessTokenDecoderWhenOtherIssuerThenRejected() throws Exception {
		JWK key = generate(JWSAlgorithm.ES256);
		JwtDecoder decoder = this.configuration.accessTokenDecoder(jwks(key), SETTINGS, Clock.systemUTC());

		assertThatExceptionOfType(JwtException.class)
			.isThrownBy(() -> decoder.decode(sign(key, "at+jwt", "http://evil.example")));
	}

	@Test
	void accessTokenDecoderWhenApplicationClockPastExpiryThenRejectedAlthoughSystemClockIsNot() throws Exception {
		JWK key = generate(JWSAlgorithm.ES256);
		Instant issuedAt = Instant.now();
		JwtDecoder decoder = this.configuration.accessTokenDecoder(jwks(key), SETTINGS,
				Clock.fixed(issuedAt.plus(Duration.ofMinutes(10)), ZoneOffset.UTC));

		assertThatExceptionOfType(JwtException.class)
			.isThrownBy(() -> decoder.decode(sign(key, "at+jwt", ISSUER, issuedAt)))
			.withMessageContaining("expired");
	}

	@Test
	void accessTokenDecoderWhenApplicationClockBeforeExpiryThenVerifiesAlthoughSystemClockIsPast() throws Exception {
		JWK key = generate(JWSAlgorithm.ES256);
		Instant issuedAt = Instant.parse("2020-01-01T00:00:00Z");
		JwtDecoder decoder = this.configuration.accessTokenDecoder(jwks(key), SETTINGS,
				Clock.fixed(issuedAt.plus(Duration.ofMinutes(4)), ZoneOffset.UTC));

		assertThat(decoder.decode(sign(key, "at+jwt", ISSUER, issuedAt)).getSubject()).isEqualTo("alice");
	}

	@ParameterizedTest
	@ValueSource(strings = { "ES256", "EdDSA" })
	void idTokenHintDecoderWhenSignedWithPublishedKeyThenVerifies(String algorithm) throws Exception {
		JWK key = generate(JWSAlgorithm.parse(algorithm));
		JwtDecoder decoder = this.configuration.idTokenHintDecoder(jwks(key), SETTINGS);

		assertThat(decoder.decode(sign(key, "JWT", ISSUER)).getSubject()).isEqualTo("alice");
	}

	private static ImmutableJWKSet<com.nimbusds.jose.proc.SecurityContext> jwks(JWK key) {
		return new ImmutableJWKSet<>(new JWKSet(List.of(key.toPublicJWK())));
	}

	private static String sign(JWK key, String type, String issuer) throws JOSEException {
		return sign(key, type, issuer, Instant.now());
	}

	private static String sign(JWK key, String type, String issuer, Instant now) throws JOSEException {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer)
			.subject("alice")
			.audience("http://localhost:8080")
			.claim("client_id", "demo-web")
			.jwtID("jti-1")
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
			.build();
		JWSAlgorithm algorithm = JWSAlgorithm.parse(key.getAlgorithm().getName());
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).type(new JOSEObjectType(type)).build(), claims);
		JWSSigner signer = new DefaultJWSSignerFactory().createJWSSigner(key, algorithm);
		jwt.sign(signer);
		return jwt.serialize();
	}

	private static JWK generate(JWSAlgorithm algorithm) throws JOSEException {
		String kid = java.util.UUID.randomUUID().toString();
		if (JWSAlgorithm.RS256.equals(algorithm)) {
			return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(algorithm).generate();
		}
		if (JWSAlgorithm.ES256.equals(algorithm)) {
			return new ECKeyGenerator(Curve.P_256).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(algorithm).generate();
		}
		return new OctetKeyPairGenerator(Curve.Ed25519).keyID(kid)
			.keyUse(KeyUse.SIGNATURE)
			.algorithm(algorithm)
			.generate();
	}

	private static JWK withKid(JWK key, String kid) throws java.text.ParseException {
		java.util.Map<String, Object> json = key.toJSONObject();
		json.put("kid", kid);
		return JWK.parse(json);
	}

}
