package dev.baton.auth.keys;

import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.factories.DefaultJWSSignerFactory;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the signer of a signing key, on AWS-LC (the Amazon Corretto Crypto Provider)
 * where its native library loads, otherwise on the JDK's own providers. AWS-LC computes
 * an RS256 signature in about half the CPU time of the JDK and an ES256 one in a fraction
 * of it (docs/PERFORMANCE.md); the tokens are the same standard JWS either way. The
 * provider is handed to each signer only, never installed process-wide: TLS, hashing and
 * random numbers stay with the JDK. EdDSA keys sign with the library's own Ed25519 code.
 */
public final class JwsSigners {

	private static final Logger logger = LoggerFactory.getLogger(JwsSigners.class);

	private static final DefaultJWSSignerFactory JDK_SIGNERS = new DefaultJWSSignerFactory();

	private final Provider provider;

	private JwsSigners(Provider provider) {
		this.provider = provider;
	}

	/** Signers on the JDK's providers. */
	public static JwsSigners jdk() {
		return new JwsSigners(null);
	}

	/**
	 * Signers on AWS-LC where its native library loaded and passed its self tests, else
	 * on the JDK's providers (with a warning saying why).
	 */
	public static JwsSigners nativeWhereAvailable() {
		try {
			AmazonCorrettoCryptoProvider provider = AmazonCorrettoCryptoProvider.INSTANCE;
			if (provider.getLoadingError() != null) {
				throw provider.getLoadingError();
			}
			provider.assertHealthy();
			return new JwsSigners(provider);
		}
		catch (Throwable ex) {
			logger.warn("Native signing (AWS-LC) is not available on this platform, the JDK signs tokens: {}",
					ex.toString());
			return jdk();
		}
	}

	/** The name and version of the provider that computes the signatures. */
	public String providerName() {
		return (this.provider != null) ? this.provider.getName() + " " + this.provider.getVersionStr()
				: "the JDK's providers";
	}

	boolean isNative() {
		return this.provider != null;
	}

	JWSSigner create(SigningKey key) throws JOSEException {
		JWK jwk = key.jwk();
		if (this.provider == null || !(jwk instanceof RSAKey || jwk instanceof ECKey)) {
			return JDK_SIGNERS.createJWSSigner(jwk, key.algorithm().jwsAlgorithm());
		}
		JWSSigner signer;
		if (jwk instanceof RSAKey rsa) {
			signer = new RSASSASigner(translate(rsa.toPrivateKey()));
		}
		else {
			ECKey ec = (ECKey) jwk;
			signer = new ECDSASigner(translate(ec.toPrivateKey()), ec.getCurve());
		}
		signer.getJCAContext().setProvider(this.provider);
		return signer;
	}

	/** The key in the provider's own form, once, rather than on every signature. */
	private PrivateKey translate(PrivateKey key) throws JOSEException {
		try {
			return (PrivateKey) KeyFactory.getInstance(key.getAlgorithm(), this.provider).translateKey(key);
		}
		catch (Exception ex) {
			throw new JOSEException("Cannot hand the private key to " + this.provider.getName(), ex);
		}
	}

}
