package dev.baton.auth.crypto;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OpaqueTokensTests {

	@Test
	void generateWhenCalledThen32RandomBytesAs43Base64UrlCharacters() {
		String token = OpaqueTokens.generate();

		assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]{43}");
		assertThat(Base64.getUrlDecoder().decode(token)).hasSize(32);
	}

	@Test
	void generateWhenCalledRepeatedlyThenNeverRepeats() {
		Set<String> tokens = new HashSet<>();
		for (int i = 0; i < 1000; i++) {
			tokens.add(OpaqueTokens.generate());
		}

		assertThat(tokens).hasSize(1000);
	}

}
