package dev.baton.auth.client;

import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientSecretGeneratorTests {

	@Test
	void generateWhenCalledThenAtLeast256BitsOfRandomness() {
		String secret = ClientSecretGenerator.generate();

		assertThat(Base64.getUrlDecoder().decode(secret).length * 8).isGreaterThanOrEqualTo(256);
		assertThat(ClientSecretGenerator.generate()).isNotEqualTo(secret);
	}

}
