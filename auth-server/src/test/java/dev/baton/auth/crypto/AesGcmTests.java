package dev.baton.auth.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AesGcmTests {

	private static final byte[] KEY = Hkdf.deriveKey(null, "key material".getBytes(StandardCharsets.US_ASCII), null,
			32);

	private static final byte[] PLAINTEXT = "the successor token".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] AAD = "family-1/0".getBytes(StandardCharsets.US_ASCII);

	@Test
	void decryptWhenKeyAndAssociatedDataMatchThenReturnsPlaintext() throws GeneralSecurityException {
		byte[] sealed = AesGcm.encrypt(KEY, PLAINTEXT, AAD);

		assertThat(sealed).hasSize(12 + PLAINTEXT.length + 16);
		assertThat(AesGcm.decrypt(KEY, sealed, AAD)).isEqualTo(PLAINTEXT);
	}

	@Test
	void encryptWhenCalledTwiceThenUsesFreshNonce() {
		assertThat(AesGcm.encrypt(KEY, PLAINTEXT, AAD)).isNotEqualTo(AesGcm.encrypt(KEY, PLAINTEXT, AAD));
	}

	@Test
	void decryptWhenCiphertextTamperedThenFails() {
		byte[] sealed = AesGcm.encrypt(KEY, PLAINTEXT, AAD);
		sealed[14] ^= 0x01;

		assertThatExceptionOfType(GeneralSecurityException.class).isThrownBy(() -> AesGcm.decrypt(KEY, sealed, AAD));
	}

	@Test
	void decryptWhenNonceOrTagTamperedThenFails() {
		byte[] nonceTampered = AesGcm.encrypt(KEY, PLAINTEXT, AAD);
		nonceTampered[0] ^= 0x01;
		byte[] tagTampered = AesGcm.encrypt(KEY, PLAINTEXT, AAD);
		tagTampered[tagTampered.length - 1] ^= 0x01;

		assertThatExceptionOfType(GeneralSecurityException.class)
			.isThrownBy(() -> AesGcm.decrypt(KEY, nonceTampered, AAD));
		assertThatExceptionOfType(GeneralSecurityException.class)
			.isThrownBy(() -> AesGcm.decrypt(KEY, tagTampered, AAD));
	}

	@Test
	void decryptWhenAssociatedDataDiffersThenFails() {
		byte[] sealed = AesGcm.encrypt(KEY, PLAINTEXT, AAD);

		assertThatExceptionOfType(GeneralSecurityException.class)
			.isThrownBy(() -> AesGcm.decrypt(KEY, sealed, "family-1/1".getBytes(StandardCharsets.US_ASCII)));
	}

	@Test
	void decryptWhenKeyDiffersThenFails() {
		byte[] sealed = AesGcm.encrypt(KEY, PLAINTEXT, AAD);

		assertThatExceptionOfType(GeneralSecurityException.class)
			.isThrownBy(() -> AesGcm.decrypt(new byte[32], sealed, AAD));
	}

	@Test
	void decryptWhenTooShortOrNullThenFails() {
		assertThatExceptionOfType(GeneralSecurityException.class)
			.isThrownBy(() -> AesGcm.decrypt(KEY, new byte[27], AAD));
		assertThatExceptionOfType(GeneralSecurityException.class).isThrownBy(() -> AesGcm.decrypt(KEY, null, AAD));
	}

}
