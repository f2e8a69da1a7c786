package dev.baton.bench;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;

/**
 * CPU per JWS signature (RS256 with a 2048-bit key, ES256) on the JDK's providers and on
 * AWS-LC, the native library Baton signs with where it loads: a fresh {@link Signature}
 * per token over a token-sized input, as the server does. Prints the last of three rounds
 * of each.
 */
final class SigningBenchmark {

	private static final byte[] SIGNING_INPUT = new byte[600];

	private SigningBenchmark() {
	}

	static void run() throws Exception {
		KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
		rsa.initialize(2048);
		KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
		ec.initialize(new ECGenParameterSpec("secp256r1"));
		KeyPair rsaKeys = rsa.generateKeyPair();
		KeyPair ecKeys = ec.generateKeyPair();
		AmazonCorrettoCryptoProvider awsLc = AmazonCorrettoCryptoProvider.INSTANCE;
		boolean nativeLoaded = awsLc.getLoadingError() == null;
		System.out.printf("java %s; AWS-LC %s%n", System.getProperty("java.version"),
				nativeLoaded ? awsLc.getVersionStr() : "not loaded: " + awsLc.getLoadingError());
		for (String[] algorithm : new String[][] { { "RS256", "SHA256withRSA", "2000" },
				{ "ES256", "SHA256withECDSA", "5000" } }) {
			PrivateKey key = algorithm[0].equals("RS256") ? rsaKeys.getPrivate() : ecKeys.getPrivate();
			int count = Integer.parseInt(algorithm[2]);
			report(algorithm[0], "JDK", measure(algorithm[1], null, key, count));
			if (nativeLoaded) {
				PrivateKey translated = (PrivateKey) KeyFactory.getInstance(key.getAlgorithm(), awsLc)
					.translateKey(key);
				report(algorithm[0], "AWS-LC", measure(algorithm[1], awsLc, translated, count));
			}
		}
	}

	private static double measure(String algorithm, Provider provider, PrivateKey key, int count) throws Exception {
		double millis = 0;
		for (int round = 0; round < 3; round++) {
			long start = System.nanoTime();
			for (int i = 0; i < count; i++) {
				Signature signature = (provider != null) ? Signature.getInstance(algorithm, provider)
						: Signature.getInstance(algorithm);
				signature.initSign(key);
				signature.update(SIGNING_INPUT);
				signature.sign();
			}
			millis = (System.nanoTime() - start) / 1e6 / count;
		}
		return millis;
	}

	private static void report(String algorithm, String provider, double millis) {
		System.out.printf("%-6s %-7s %.3f ms per signature%n", algorithm, provider, millis);
	}

}
