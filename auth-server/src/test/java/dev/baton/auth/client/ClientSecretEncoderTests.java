package dev.baton.auth.client;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientSecretEncoderTests {

	private final ClientSecretEncoder encoder = new ClientSecretEncoder();

	@Test
	void encodeWhenSecretGivenThenPrefixedBase64UrlSha256() {
		// SHA-256("abc") in base64url without padding
		assertThat(this.encoder.encode("abc")).isEqualTo("{sha256}ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0");
	}

	@Test
	void encodeWhenAnySecretThenSameLengthAndFormat() {
		assertThat(this.encoder.encode("")).matches("\\{sha256}[A-Za-z0-9_-]{43}");
		assertThat(this.encoder.encode(ClientSecretGenerator.generate())).matches("\\{sha256}[A-Za-z0-9_-]{43}");
		assertThat(this.encoder.encode("x".repeat(10_000))).matches("\\{sha256}[A-Za-z0-9_-]{43}");
	}

	@Test
	void matchesWhenSecretMatchesThenTrue() {
		String encoded = this.encoder.encode("demo-web-secret");

		assertThat(this.encoder.matches("demo-web-secret", encoded)).isTrue();
	}

	@Test
	void matchesWhenSecretDiffersThenFalse() {
		String encoded = this.encoder.encode("demo-web-secret");

		assertThat(this.encoder.matches("demo-web-secreT", encoded)).isFalse();
		assertThat(this.encoder.matches("", encoded)).isFalse();
		assertThat(this.encoder.matches(null, encoded)).isFalse();
	}

	@Test
	void matchesWhenPrefixWrongOrMissingThenFalse() {
		String digest = this.encoder.encode("demo-web-secret").substring("{sha256}".length());

		assertThat(this.encoder.matches("demo-web-secret", "{bcrypt}" + digest)).isFalse();
		assertThat(this.encoder.matches("demo-web-secret", digest)).isFalse();
		assertThat(this.encoder.matches("demo-web-secret", "{noop}demo-web-secret")).isFalse();
		assertThat(this.encoder.matches("demo-web-secret", null)).isFalse();
	}

	@Test
	void upgradeEncodingWhenAskedThenNever() {
		assertThat(this.encoder.upgradeEncoding(this.encoder.encode("secret"))).isFalse();
	}

	@Test
	void matchesWhenRotationOverlapListsTwoHashesThenEitherSecretMatchesAndNothingElse() {
		String accepted = this.encoder.encode("new-secret") + " " + this.encoder.encode("old-secret");

		assertThat(this.encoder.matches("new-secret", accepted)).isTrue();
		assertThat(this.encoder.matches("old-secret", accepted)).isTrue();
		assertThat(this.encoder.matches("other-secret", accepted)).isFalse();
		assertThat(this.encoder.matches("new-secret", accepted + " plaintext")).isTrue();
		assertThat(this.encoder.matches("plaintext", "plaintext")).isFalse();
	}

	@Test
	void isEncodedWhenHashOrNotThenTellsThemApart() {
		assertThat(ClientSecretEncoder.isEncoded(this.encoder.encode("x"))).isTrue();
		assertThat(ClientSecretEncoder.isEncoded("{sha256}short")).isFalse();
		assertThat(ClientSecretEncoder.isEncoded("demo-web-secret")).isFalse();
		assertThat(ClientSecretEncoder.isEncoded(null)).isFalse();
	}

}
