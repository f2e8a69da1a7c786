package dev.baton.auth.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a random 96-bit nonce, output as {@code nonce || ciphertext || tag}.
 * The associated data binds a ciphertext to the row it belongs to, so it cannot be moved
 * to another one.
 */
public final class AesGcm {

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private static final SecureRandom RANDOM = new SecureRandom();

	private AesGcm() {
	}

	public static byte[] encrypt(byte[] key, byte[] plaintext, byte[] associatedData) {
		byte[] nonce = new byte[NONCE_BYTES];
		RANDOM.nextBytes(nonce);
		try {
			Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key, nonce, associatedData);
			byte[] ciphertext = cipher.doFinal(plaintext);
			return ByteBuffer.allocate(NONCE_BYTES + ciphertext.length).put(nonce).put(ciphertext).array();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM encryption failed", ex);
		}
	}

	/**
	 * Decrypts and authenticates.
	 * @throws GeneralSecurityException when the key, the associated data or the
	 * ciphertext do not match
	 */
	public static byte[] decrypt(byte[] key, byte[] sealed, byte[] associatedData) throws GeneralSecurityException {
		if (sealed == null || sealed.length < NONCE_BYTES + TAG_BITS / 8) {
			throw new GeneralSecurityException("Ciphertext too short");
		}
		byte[] nonce = new byte[NONCE_BYTES];
		System.arraycopy(sealed, 0, nonce, 0, NONCE_BYTES);
		Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, nonce, associatedData);
		return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
	}

	private static Cipher cipher(int mode, byte[] key, byte[] nonce, byte[] associatedData)
			throws GeneralSecurityException {
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
		if (associatedData != null) {
			cipher.updateAAD(associatedData);
		}
		return cipher;
	}

}
