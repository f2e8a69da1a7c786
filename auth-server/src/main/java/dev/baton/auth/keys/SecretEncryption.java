package dev.baton.auth.keys;

import org.springframework.stereotype.Component;

/**
 * Encryption at rest, under the key-encryption key ({@code baton.keys.encryption-key}),
 * of secrets other features must read back (a user's TOTP secret). Each ciphertext is
 * bound to its purpose and owner (AES-GCM associated data {@code purpose|owner}), so it
 * can be neither moved to another row nor taken for a signing key.
 */
@Component
public final class SecretEncryption {

	private final KeyEncryptionKey keyEncryptionKey;

	SecretEncryption(KeyEncryptionKey keyEncryptionKey) {
		this.keyEncryptionKey = keyEncryptionKey;
	}

	public byte[] encrypt(byte[] secret, String purpose, String owner) {
		return this.keyEncryptionKey.encrypt(secret, binding(purpose, owner));
	}

	/**
	 * @throws IllegalStateException when the ciphertext was not made by this key for this
	 * purpose and owner
	 */
	public byte[] decrypt(byte[] ciphertext, String purpose, String owner) {
		return this.keyEncryptionKey.decrypt(ciphertext, binding(purpose, owner));
	}

	private static String binding(String purpose, String owner) {
		// Signing keys are bound to their kid, which never contains '|'.
		return purpose + "|" + owner;
	}

}
