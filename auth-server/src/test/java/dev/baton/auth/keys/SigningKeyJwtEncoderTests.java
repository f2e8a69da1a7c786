package dev.baton.auth.keys;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jwt.SignedJWT;
import dev.baton.auth.testsupport.InMemoryDatabase;
import dev.baton.auth.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tokens signed with the database key set verify against the published half of it (the
 * JWKS), for every algorithm Baton offers, also after the key set was read back from the
 * database by another instance; whether AWS-LC or the JDK computed the signature.
 */
class SigningKeyJwtEncoderTests {

	private final InMemoryDatabase db = InMemoryDatabase.migrated();

	private final MutableClock clock = new MutableClock(Instant.now());

	private final String kek = KeyEncryptionKeyTests.randomKey();

	@AfterEach
	void shutdown() {
		this.db.shutdown();
	}

	static Stream<Arguments> algorithmsAndSigners() {
		return Stream.of(SigningAlgorithm.RS256, SigningAlgorithm.ES256)
			.flatMap((algorithm) -> Stream.of(Arguments.of(algorithm, "native"), Arguments.of(algorithm, "jdk")));
	}

	@ParameterizedTest
	@MethodSource("algorithmsAndSigners")
	void encodeWhenKeyOfAlgorithmActiveThenSignatureVerifiesAgainstJwks(SigningAlgorithm algorithm, String signers)
			throws Exception {
		SigningKeySet signer = keySet(algorithm);
		signer.ensureSigningKey();
		SigningKeySet verifier = keySet(algorithm);

		Jwt jwt = new SigningKeyJwtEncoder(signer, jwsSigners(signers)).encode(accessToken(SignatureAlgorithm.RS256));

		SignedJWT parsed = SignedJWT.parse(jwt.getTokenValue());
		assertThat(parsed.getHeader().getAlgorithm()).isEqualTo(algorithm.jwsAlgorithm());
		assertThat(parsed.getHeader().getKeyID()).isEqualTo(signer.activeKey().kid());
		assertThat(parsed.getHeader().getType().getType()).isEqualTo("at+jwt");
		Jwt decoded = decoder(verifier).decode(jwt.getTokenValue());
		assertThat(decoded.getSubject()).isEqualTo("alice");
		assertThat(decoded.getClaimAsString("scope")).isEqualTo("openid notes.read");
		assertThat(decoded.getAudience()).containsExactly("http://localhost:8080");
		assertThat(jwt.getHeaders()).containsEntry("kid", signer.activeKey().kid());
	}

	@Test
	void encodeWhenEdDsaKeyActiveThenEd25519SignatureVerifiesAgainstJwks() throws Exception {
		SigningKeySet signer = keySet(SigningAlgorithm.EdDSA);
		signer.ensureSigningKey();

		Jwt jwt = new SigningKeyJwtEncoder(signer, JwsSigners.nativeWhereAvailable())
			.encode(accessToken(SignatureAlgorithm.RS256));

		SignedJWT parsed = SignedJWT.parse(jwt.getTokenValue());
		assertThat(parsed.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.EdDSA);
		List<JWK> published = new DatabaseJwkSource(keySet(SigningAlgorithm.EdDSA))
			.get(new JWKSelector(new JWKMatcher.Builder().keyID(parsed.getHeader().getKeyID()).build()), null);
		assertThat(parsed.verify(new Ed25519Verifier(published.get(0).toOctetKeyPair()))).isTrue();
	}

	@Test
	void encodeWhenSignedByAnUnknownKeyThenVerificationFails() {
		SigningKeySet signer = keySet(SigningAlgorithm.ES256);
		signer.ensureSigningKey();
		String token = new SigningKeyJwtEncoder(signer, JwsSigners.nativeWhereAvailable())
			.encode(accessToken(SignatureAlgorithm.RS256))
			.getTokenValue();
		InMemoryDatabase otherDatabase = InMemoryDatabase.migrated();
		try {
			SigningKeySet otherServer = new SigningKeySet(
					new JdbcSigningKeyRepository(otherDatabase.jdbc(),
							KeyEncryptionKey.from(KeyEncryptionKeyTests.properties(this.kek, null))),
					TestSigningKeyProperties.of(SigningAlgorithm.ES256, this.kek, null, Duration.ofMinutes(1)),
					this.clock);
			otherServer.ensureSigningKey();

			assertThatExceptionOfType(JwtException.class).isThrownBy(() -> decoder(otherServer).decode(token));
		}
		finally {
			otherDatabase.shutdown();
		}
	}

	@ParameterizedTest
	@EnumSource(SigningAlgorithm.class)
	void getWhenJwksRequestedThenPublicKeysWithKidUseAndAlgOnly(SigningAlgorithm algorithm) {
		SigningKeySet keySet = keySet(algorithm);
		keySet.ensureSigningKey();

		List<JWK> jwks = new DatabaseJwkSource(keySet).get(new JWKSelector(new JWKMatcher.Builder().build()), null);

		assertThat(jwks).singleElement().satisfies((jwk) -> {
			assertThat(jwk.isPrivate()).isFalse();
			assertThat(jwk.getKeyID()).isEqualTo(keySet.activeKey().kid());
			assertThat(jwk.getKeyUse()).isEqualTo(KeyUse.SIGNATURE);
			assertThat(jwk.getAlgorithm()).isEqualTo(algorithm.jwsAlgorithm());
			assertThat(jwk.toJSONObject()).doesNotContainKeys("d", "p", "q", "dp", "dq", "qi", "k");
		});
	}

	@ParameterizedTest
	@EnumSource(value = SigningAlgorithm.class, names = { "RS256", "ES256" })
	void encodeWhenManyThreadsSignWithOneNativeKeyThenEverySignatureVerifies(SigningAlgorithm algorithm)
			throws Exception {
		SigningKeySet signer = keySet(algorithm);
		signer.ensureSigningKey();
		SigningKeyJwtEncoder encoder = new SigningKeyJwtEncoder(signer, JwsSigners.nativeWhereAvailable());
		JwtDecoder decoder = decoder(keySet(algorithm));
		ExecutorService threads = Executors.newFixedThreadPool(8);
		try {
			List<Future<String>> tokens = new ArrayList<>();
			for (int i = 0; i < 200; i++) {
				tokens.add(threads.submit(() -> encoder.encode(accessToken(SignatureAlgorithm.RS256)).getTokenValue()));
			}
			for (Future<String> token : tokens) {
				assertThat(decoder.decode(token.get()).getSubject()).isEqualTo("alice");
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	@EnabledOnOs(value = OS.LINUX, architectures = "amd64")
	void nativeWhereAvailableWhenLinuxX8664ThenAwsLcSigns() {
		JwsSigners signers = JwsSigners.nativeWhereAvailable();

		assertThat(signers.isNative()).isTrue();
		assertThat(signers.providerName()).startsWith("AmazonCorrettoCryptoProvider");
		assertThat(JwsSigners.jdk().isNative()).isFalse();
	}

	@Test
	@EnabledOnOs(value = OS.LINUX, architectures = "amd64")
	void jwsSignersWhenNativeSigningOnThenAwsLcAndWhenOffThenJdk() {
		SigningKeyProperties on = TestSigningKeyProperties.of(SigningAlgorithm.RS256, this.kek, null,
				Duration.ofMinutes(1));
		SigningKeyProperties off = new SigningKeyProperties(on.algorithm(), on.encryptionKey(), null, on.cacheTtl(),
				on.rotationPeriod(), on.publishLead(), on.rotationCheckInterval(), false);

		assertThat(new SigningKeyConfiguration().jwsSigners(on).isNative()).isTrue();
		assertThat(new SigningKeyConfiguration().jwsSigners(off).isNative()).isFalse();
	}

	@Test
	void getWhenKidUnknownThenReloadsForKeyOfAnotherNode() {
		SigningKeySet nodeA = keySet(SigningAlgorithm.ES256);
		nodeA.ensureSigningKey();
		nodeA.activeKey();
		SigningKeySet nodeB = keySet(SigningAlgorithm.ES256);
		SigningKey added = nodeB.generate(this.clock.instant());
		new JdbcSigningKeyRepository(this.db.jdbc(),
				KeyEncryptionKey.from(KeyEncryptionKeyTests.properties(this.kek, null)))
			.insert(added, null);
		this.clock.advance(Duration.ofSeconds(6));

		List<JWK> found = new DatabaseJwkSource(nodeA)
			.get(new JWKSelector(new JWKMatcher.Builder().keyID(added.kid()).build()), null);

		assertThat(found).extracting(JWK::getKeyID).containsExactly(added.kid());
	}

	private static JwsSigners jwsSigners(String name) {
		return name.equals("native") ? JwsSigners.nativeWhereAvailable() : JwsSigners.jdk();
	}

	private SigningKeySet keySet(SigningAlgorithm algorithm) {
		return new SigningKeySet(
				new JdbcSigningKeyRepository(this.db.jdbc(),
						KeyEncryptionKey.from(KeyEncryptionKeyTests.properties(this.kek, null))),
				TestSigningKeyProperties.of(algorithm, this.kek, null, Duration.ofMinutes(1)), this.clock);
	}

	private JwtEncoderParameters accessToken(SignatureAlgorithm requested) {
		Instant now = this.clock.instant();
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer("http://localhost:9000")
			.subject("alice")
			.audience(List.of("http://localhost:8080"))
			.claim("scope", "openid notes.read")
			.claim("client_id", "demo-web")
			.id("jti-1")
			.issuedAt(now)
			.expiresAt(now.plus(Duration.ofMinutes(5)))
			.build();
		return JwtEncoderParameters.from(JwsHeader.with(requested).type("at+jwt").build(), claims);
	}

	private static JwtDecoder decoder(SigningKeySet keySet) {
		DatabaseJwkSource jwkSource = new DatabaseJwkSource(keySet);
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(jwkSource)
			.jwtProcessorCustomizer((processor) -> processor.setJWSKeySelector(new JWSVerificationKeySelector<>(
					Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256, JWSAlgorithm.EdDSA), jwkSource)))
			.build();
		// What a resource server checks (RFC 9068 §4): typ at+jwt, issuer, audience,
		// lifetime, required claims.
		decoder.setJwtValidator(JwtValidators.createAtJwtValidator()
			.issuer("http://localhost:9000")
			.audience("http://localhost:8080")
			.build());
		return decoder;
	}

}
