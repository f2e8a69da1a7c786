package dev.baton.auth.token;

import java.security.Key;
import java.security.PublicKey;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.JWSVerifierFactory;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;

/**
 * Lets a Nimbus JWT processor verify EdDSA (Ed25519) signatures besides RS256 and ES256.
 * Its standard key selection turns JWKs into {@code java.security} keys, which Nimbus
 * cannot do for octet key pairs, so an EdDSA token would find no key; here Ed25519 keys
 * travel wrapped and get Nimbus's {@link Ed25519Verifier} (which needs Google Tink at
 * runtime).
 */
final class OctetKeyPairVerification {

	private OctetKeyPairVerification() {
	}

	/**
	 * Makes {@code processor} select keys from {@code jwkSource} for {@code algorithms},
	 * EdDSA included.
	 */
	static void configure(ConfigurableJWTProcessor<SecurityContext> processor, Set<JWSAlgorithm> algorithms,
			JWKSource<SecurityContext> jwkSource) {
		processor.setJWSKeySelector(new KeySelector(algorithms, jwkSource));
		processor.setJWSVerifierFactory(new VerifierFactory());
	}

	/** An Ed25519 public JWK passed from the key selector to the verifier factory. */
	private record Ed25519PublicKey(OctetKeyPair jwk) implements PublicKey {

		@Override
		public String getAlgorithm() {
			return "Ed25519";
		}

		@Override
		public String getFormat() {
			return null;
		}

		@Override
		public byte[] getEncoded() {
			return null;
		}

	}

	private static final class KeySelector implements JWSKeySelector<SecurityContext> {

		private final Set<JWSAlgorithm> algorithms;

		private final JWKSource<SecurityContext> jwkSource;

		private final JWSVerificationKeySelector<SecurityContext> standard;

		KeySelector(Set<JWSAlgorithm> algorithms, JWKSource<SecurityContext> jwkSource) {
			this.algorithms = algorithms;
			this.jwkSource = jwkSource;
			this.standard = new JWSVerificationKeySelector<>(algorithms, jwkSource);
		}

		@Override
		public List<? extends Key> selectJWSKeys(JWSHeader header, SecurityContext context) throws KeySourceException {
			if (!JWSAlgorithm.EdDSA.equals(header.getAlgorithm())) {
				return this.standard.selectJWSKeys(header, context);
			}
			if (!this.algorithms.contains(JWSAlgorithm.EdDSA)) {
				return List.of();
			}
			JWKMatcher matcher = new JWKMatcher.Builder().keyType(KeyType.OKP)
				.keyID(header.getKeyID())
				.keyUses(KeyUse.SIGNATURE, null)
				.algorithms(JWSAlgorithm.EdDSA, null)
				.curve(Curve.Ed25519)
				.build();
			return this.jwkSource.get(new JWKSelector(matcher), context)
				.stream()
				.filter(OctetKeyPair.class::isInstance)
				.map((jwk) -> new Ed25519PublicKey(((OctetKeyPair) jwk).toPublicJWK()))
				.toList();
		}

	}

	private static final class VerifierFactory implements JWSVerifierFactory {

		private final DefaultJWSVerifierFactory standard = new DefaultJWSVerifierFactory();

		@Override
		public JWSVerifier createJWSVerifier(JWSHeader header, Key key) throws JOSEException {
			if (key instanceof Ed25519PublicKey ed25519 && JWSAlgorithm.EdDSA.equals(header.getAlgorithm())) {
				return new Ed25519Verifier(ed25519.jwk());
			}
			return this.standard.createJWSVerifier(header, key);
		}

		@Override
		public Set<JWSAlgorithm> supportedJWSAlgorithms() {
			Set<JWSAlgorithm> algorithms = new HashSet<>(this.standard.supportedJWSAlgorithms());
			algorithms.add(JWSAlgorithm.EdDSA);
			return algorithms;
		}

		@Override
		public JCAContext getJCAContext() {
			return this.standard.getJCAContext();
		}

	}

}
