package dev.baton.auth.refresh;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Optional;

import dev.baton.auth.crypto.AesGcm;
import dev.baton.auth.crypto.Hkdf;

/**
 * Keeps a successor refresh token retrievable for the grace window without storing
 * anything usable (DESIGN rule 3): the successor is encrypted with AES-256-GCM under a
 * key derived with HKDF-SHA256 from the consumed token's value, which Baton never stores.
 * Only a client presenting the consumed token again can decrypt it. The family id and
 * generation are the associated data, so a ciphertext cannot be replayed on another row.
 */
final class SuccessorCipher {

	private static final byte[] INFO = "baton/refresh-token/successor/v1".getBytes(StandardCharsets.US_ASCII);

	private static final int KEY_BYTES = 32;

	private SuccessorCipher() {
	}

	static byte[] encrypt(String consumedToken, String successorToken, String familyId, int generation) {
		return AesGcm.encrypt(key(consumedToken, familyId), successorToken.getBytes(StandardCharsets.US_ASCII),
				associatedData(familyId, generation));
	}

	static Optional<String> decrypt(String consumedToken, byte[] ciphertext, String familyId, int generation) {
		try {
			byte[] plaintext = AesGcm.decrypt(key(consumedToken, familyId), ciphertext,
					associatedData(familyId, generation));
			return Optional.of(new String(plaintext, StandardCharsets.US_ASCII));
		}
		catch (GeneralSecurityException ex) {
			return Optional.empty();
		}
	}

	private static byte[] key(String consumedToken, String familyId) {
		return Hkdf.deriveKey(familyId.getBytes(StandardCharsets.US_ASCII),
				consumedToken.getBytes(StandardCharsets.US_ASCII), INFO, KEY_BYTES);
	}

	private static byte[] associatedData(String familyId, int generation) {
		return (familyId + "/" + generation).getBytes(StandardCharsets.US_ASCII);
	}

}
