package dev.baton.auth.crypto;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TokenHashTests {

	@Test
	void ofWhenKnownInputThenSha256OfUtf8() {
		// FIPS 180-2 example: SHA-256("abc")
		assertThat(HexFormat.of().formatHex(TokenHash.of("abc").bytes()))
			.isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	}

	@Test
	void matchesWhenSameValueThenTrueAndOtherwiseFalse() {
		assertThat(TokenHash.of("token").matches(TokenHash.of("token"))).isTrue();
		assertThat(TokenHash.of("token").matches(TokenHash.of("tokem"))).isFalse();
		assertThat(TokenHash.of("token").matches(null)).isFalse();
		assertThat(TokenHash.of("token")).isEqualTo(TokenHash.of("token")).hasSameHashCodeAs(TokenHash.of("token"));
	}

	@Test
	void fromBytesWhenRoundTrippedThenEqual() {
		TokenHash hash = TokenHash.of("token");

		assertThat(TokenHash.fromBytes(hash.bytes())).isEqualTo(hash);
	}

	@Test
	void fromBytesWhenNot32BytesThenRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> TokenHash.fromBytes(new byte[31]));
		assertThatIllegalArgumentException().isThrownBy(() -> TokenHash.fromBytes(null));
	}

	@Test
	void bytesWhenModifiedByCallerThenHashUnchanged() {
		TokenHash hash = TokenHash.of("token");
		hash.bytes()[0] ^= 0x01;

		assertThat(hash).isEqualTo(TokenHash.of("token"));
	}

	@Test
	void toStringWhenLoggedThenRevealsNothing() {
		TokenHash hash = TokenHash.of("token");

		assertThat(hash.toString()).isEqualTo("TokenHash[hidden]");
	}

}
