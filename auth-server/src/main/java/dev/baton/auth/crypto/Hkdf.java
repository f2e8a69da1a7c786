package dev.baton.auth.crypto;

import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HKDF with HMAC-SHA256 (RFC 5869). */
public final class Hkdf {

	private static final String HMAC = "HmacSHA256";

	private static final int HASH_LENGTH = 32;

	private Hkdf() {
	}

	/**
	 * Derives {@code length} bytes of keying material.
	 * @param salt optional salt (RFC 5869 §2.2); {@code null} or empty means a string of
	 * zeros
	 * @param ikm the input keying material
	 * @param info context binding the output to its purpose (RFC 5869 §3.2)
	 */
	public static byte[] deriveKey(byte[] salt, byte[] ikm, byte[] info, int length) {
		if (length < 1 || length > 255 * HASH_LENGTH) {
			throw new IllegalArgumentException("HKDF-SHA256 derives 1 to 8160 bytes");
		}
		try {
			byte[] prk = extract(salt, ikm);
			return expand(prk, info, length);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is required by every Java platform", ex);
		}
	}

	private static byte[] extract(byte[] salt, byte[] ikm) throws GeneralSecurityException {
		byte[] effectiveSalt = (salt == null || salt.length == 0) ? new byte[HASH_LENGTH] : salt;
		Mac mac = Mac.getInstance(HMAC);
		mac.init(new SecretKeySpec(effectiveSalt, HMAC));
		return mac.doFinal(ikm);
	}

	private static byte[] expand(byte[] prk, byte[] info, int length) throws GeneralSecurityException {
		Mac mac = Mac.getInstance(HMAC);
		mac.init(new SecretKeySpec(prk, HMAC));
		byte[] output = new byte[length];
		byte[] block = new byte[0];
		int written = 0;
		for (int counter = 1; written < length; counter++) {
			mac.update(block);
			mac.update((info != null) ? info : new byte[0]);
			mac.update((byte) counter);
			block = mac.doFinal();
			int chunk = Math.min(block.length, length - written);
			System.arraycopy(block, 0, output, written, chunk);
			written += chunk;
		}
		return output;
	}

}
