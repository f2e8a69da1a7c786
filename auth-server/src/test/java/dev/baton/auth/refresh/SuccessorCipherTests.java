package dev.baton.auth.refresh;

import dev.baton.auth.crypto.OpaqueTokens;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DESIGN rule 3: the successor is recoverable only with the consumed token, and only on
 * its own row.
 */
class SuccessorCipherTests {

	private final String consumed = OpaqueTokens.generate();

	private final String successor = OpaqueTokens.generate();

	@Test
	void decryptWhenConsumedTokenPresentedThenReturnsSuccessor() {
		byte[] ciphertext = SuccessorCipher.encrypt(this.consumed, this.successor, "family-1", 3);

		assertThat(SuccessorCipher.decrypt(this.consumed, ciphertext, "family-1", 3)).contains(this.successor);
	}

	@Test
	void encryptWhenSuccessorIsATokenThenFitsTheColumn() {
		// refresh_token.successor_ciphertext is VARBINARY(128)
		assertThat(SuccessorCipher.encrypt(this.consumed, this.successor, "family-1", 3)).hasSizeLessThanOrEqualTo(128);
	}

	@Test
	void decryptWhenAnotherTokenPresentedThenEmpty() {
		byte[] ciphertext = SuccessorCipher.encrypt(this.consumed, this.successor, "family-1", 3);

		assertThat(SuccessorCipher.decrypt(OpaqueTokens.generate(), ciphertext, "family-1", 3)).isEmpty();
	}

	@Test
	void decryptWhenMovedToAnotherFamilyOrGenerationThenEmpty() {
		byte[] ciphertext = SuccessorCipher.encrypt(this.consumed, this.successor, "family-1", 3);

		assertThat(SuccessorCipher.decrypt(this.consumed, ciphertext, "family-2", 3)).isEmpty();
		assertThat(SuccessorCipher.decrypt(this.consumed, ciphertext, "family-1", 4)).isEmpty();
	}

	@Test
	void decryptWhenCiphertextTamperedThenEmpty() {
		byte[] ciphertext = SuccessorCipher.encrypt(this.consumed, this.successor, "family-1", 3);
		ciphertext[20] ^= 0x01;

		assertThat(SuccessorCipher.decrypt(this.consumed, ciphertext, "family-1", 3)).isEmpty();
		assertThat(SuccessorCipher.decrypt(this.consumed, null, "family-1", 3)).isEmpty();
	}

}
