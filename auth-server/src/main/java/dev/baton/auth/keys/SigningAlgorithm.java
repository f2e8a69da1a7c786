package dev.baton.auth.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.JWKGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

/**
 * The algorithms Baton signs with: RS256 (RSA 2048) by default, ES256 (P-256) and EdDSA
 * (Ed25519).
 */
public enum SigningAlgorithm {

	RS256(JWSAlgorithm.RS256),

	ES256(JWSAlgorithm.ES256),

	EdDSA(JWSAlgorithm.EdDSA);

	private final JWSAlgorithm jwsAlgorithm;

	SigningAlgorithm(JWSAlgorithm jwsAlgorithm) {
		this.jwsAlgorithm = jwsAlgorithm;
	}

	public JWSAlgorithm jwsAlgorithm() {
		return this.jwsAlgorithm;
	}

	/**
	 * A fresh key pair as a JWK carrying {@code kid}, {@code use: sig} and {@code alg}.
	 */
	JWK generate(String kid) {
		JWKGenerator<? extends JWK> generator = switch (this) {
			case RS256 -> new RSAKeyGenerator(2048);
			case ES256 -> new ECKeyGenerator(Curve.P_256);
			case EdDSA -> new OctetKeyPairGenerator(Curve.Ed25519);
		};
		try {
			return generator.keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(this.jwsAlgorithm).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not generate a " + this + " key", ex);
		}
	}

	public static SigningAlgorithm fromJwsName(String name) {
		for (SigningAlgorithm algorithm : values()) {
			if (algorithm.jwsAlgorithm.getName().equals(name)) {
				return algorithm;
			}
		}
		throw new IllegalArgumentException("Unsupported signing algorithm " + name);
	}

}
