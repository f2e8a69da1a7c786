package dev.baton.auth.crypto;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** HKDF-SHA256 against the test vectors of RFC 5869 Appendix A. */
class HkdfTests {

	private static final HexFormat HEX = HexFormat.of();

	@Test
	void deriveKeyWhenRfc5869TestCase1ThenMatchesVector() {
		byte[] ikm = HEX.parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
		byte[] salt = HEX.parseHex("000102030405060708090a0b0c");
		byte[] info = HEX.parseHex("f0f1f2f3f4f5f6f7f8f9");

		byte[] okm = Hkdf.deriveKey(salt, ikm, info, 42);

		assertThat(HEX.formatHex(okm))
			.isEqualTo("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
	}

	@Test
	void deriveKeyWhenRfc5869TestCase3WithoutSaltAndInfoThenMatchesVector() {
		byte[] ikm = HEX.parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");

		byte[] okm = Hkdf.deriveKey(new byte[0], ikm, new byte[0], 42);

		assertThat(HEX.formatHex(okm))
			.isEqualTo("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
		assertThat(Hkdf.deriveKey(null, ikm, null, 42)).isEqualTo(okm);
	}

	@Test
	void deriveKeyWhenInfoDiffersThenKeysDiffer() {
		byte[] ikm = new byte[32];

		assertThat(Hkdf.deriveKey(null, ikm, new byte[] { 1 }, 32))
			.isNotEqualTo(Hkdf.deriveKey(null, ikm, new byte[] { 2 }, 32));
	}

	@Test
	void deriveKeyWhenLengthOutOfRangeThenRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> Hkdf.deriveKey(null, new byte[32], null, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> Hkdf.deriveKey(null, new byte[32], null, 255 * 32 + 1));
	}

}
