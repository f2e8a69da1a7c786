package dev.baton.auth.keys;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class KeyEncryptionKeyTests {

	private static final byte[] PRIVATE_JWK = "{\"kty\":\"RSA\",\"d\":\"secret\"}".getBytes(StandardCharsets.UTF_8);

	@TempDir
	Path directory;

	@Test
	void fromWhenKeyFileMissingThenGeneratesOwnerOnlyFile() throws Exception {
		Path file = this.directory.resolve("data/signing-key-encryption.key");

		KeyEncryptionKey.from(fileProperties(file));

		assertThat(file).exists();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(Base64.getDecoder().decode(Files.readString(file).trim())).hasSize(32);
		try (var leftovers = Files.list(file.getParent())) {
			assertThat(leftovers).containsExactly(file);
		}
	}

	@Test
	void fromWhenKeyFileExistsThenReusesIt() throws Exception {
		Path file = this.directory.resolve("kek");
		byte[] sealed = KeyEncryptionKey.from(fileProperties(file)).encrypt(PRIVATE_JWK, "kid-1");
		String stored = Files.readString(file);

		KeyEncryptionKey reloaded = KeyEncryptionKey.from(fileProperties(file));

		assertThat(reloaded.decrypt(sealed, "kid-1")).isEqualTo(PRIVATE_JWK);
		assertThat(Files.readString(file)).isEqualTo(stored);
	}

	@Test
	void fromWhenKeyConfiguredThenFileIgnored() {
		Path file = this.directory.resolve("kek");
		KeyEncryptionKey configured = KeyEncryptionKey.from(properties(randomKey(), file));

		assertThat(file).doesNotExist();
		assertThat(configured.decrypt(configured.encrypt(PRIVATE_JWK, "kid-1"), "kid-1")).isEqualTo(PRIVATE_JWK);
	}

	@Test
	void decryptWhenAnotherKeyEncryptionKeyThenFailsClearly() {
		byte[] sealed = KeyEncryptionKey.from(properties(randomKey(), null)).encrypt(PRIVATE_JWK, "kid-1");
		KeyEncryptionKey other = KeyEncryptionKey.from(properties(randomKey(), null));

		assertThatIllegalStateException().isThrownBy(() -> other.decrypt(sealed, "kid-1"))
			.withMessageContaining("kid-1")
			.withMessageNotContaining("secret");
	}

	@Test
	void decryptWhenAnotherKidThenFails() {
		KeyEncryptionKey key = KeyEncryptionKey.from(properties(randomKey(), null));
		byte[] sealed = key.encrypt(PRIVATE_JWK, "kid-1");

		assertThatIllegalStateException().isThrownBy(() -> key.decrypt(sealed, "kid-2"));
	}

	@Test
	void fromWhenKeyNotBase64OrNot32BytesOrMissingThenFailsAtStartup() {
		assertThatIllegalStateException().isThrownBy(() -> KeyEncryptionKey.from(properties("not base64!", null)));
		assertThatIllegalStateException().isThrownBy(
				() -> KeyEncryptionKey.from(properties(Base64.getEncoder().encodeToString(new byte[16]), null)));
		assertThatIllegalStateException().isThrownBy(() -> KeyEncryptionKey.from(properties(null, null)))
			.withMessageContaining("baton.keys.encryption-key");
	}

	static String randomKey() {
		byte[] key = new byte[32];
		new java.security.SecureRandom().nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

	static SigningKeyProperties properties(String encryptionKey, Path file) {
		return TestSigningKeyProperties.of(SigningAlgorithm.RS256, encryptionKey, file, Duration.ofMinutes(1));
	}

	private static SigningKeyProperties fileProperties(Path file) {
		return properties(null, file);
	}

}
