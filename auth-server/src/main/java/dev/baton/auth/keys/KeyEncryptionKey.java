package dev.baton.auth.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import dev.baton.auth.crypto.AesGcm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AES-256 key that encrypts private signing keys at rest. It comes from configuration
 * ({@code baton.keys.encryption-key}); in embedded mode Baton generates one into the data
 * directory instead.
 */
final class KeyEncryptionKey {

	private static final Logger logger = LoggerFactory.getLogger(KeyEncryptionKey.class);

	private static final int KEY_BYTES = 32;

	private final byte[] key;

	private KeyEncryptionKey(byte[] key) {
		if (key.length != KEY_BYTES) {
			throw new IllegalStateException("baton.keys.encryption-key must be 32 bytes, base64-encoded");
		}
		this.key = key;
	}

	static KeyEncryptionKey from(SigningKeyProperties properties) {
		if (properties.encryptionKey() != null && !properties.encryptionKey().isBlank()) {
			return new KeyEncryptionKey(decode(properties.encryptionKey()));
		}
		if (properties.encryptionKeyFile() != null) {
			return new KeyEncryptionKey(decode(readOrGenerate(properties.encryptionKeyFile())));
		}
		throw new IllegalStateException("No key-encryption key: set baton.keys.encryption-key "
				+ "(BATON_KEY_ENCRYPTION_KEY), 32 random bytes in base64, e.g. from 'openssl rand -base64 32'");
	}

	byte[] encrypt(byte[] plaintext, String kid) {
		return AesGcm.encrypt(this.key, plaintext, kid.getBytes(StandardCharsets.UTF_8));
	}

	byte[] decrypt(byte[] ciphertext, String kid) {
		try {
			return AesGcm.decrypt(this.key, ciphertext, kid.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot decrypt signing key " + kid
					+ ": the key-encryption key is not the one it was encrypted with", ex);
		}
	}

	private static byte[] decode(String base64) {
		try {
			return Base64.getDecoder().decode(base64.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("baton.keys.encryption-key is not valid base64", ex);
		}
	}

	private static String readOrGenerate(Path file) {
		try {
			if (Files.exists(file)) {
				return Files.readString(file, StandardCharsets.US_ASCII);
			}
			byte[] key = new byte[KEY_BYTES];
			new SecureRandom().nextBytes(key);
			String encoded = Base64.getEncoder().encodeToString(key);
			Path parent = file.toAbsolutePath().getParent();
			Files.createDirectories(parent);
			Path temporary = Files.createTempFile(parent, "kek", ".tmp");
			restrictToOwner(temporary);
			Files.writeString(temporary, encoded, StandardCharsets.US_ASCII);
			try {
				Files.move(temporary, file);
			}
			catch (FileAlreadyExistsException ex) {
				Files.delete(temporary);
				return Files.readString(file, StandardCharsets.US_ASCII);
			}
			logger.info("Generated a key-encryption key for signing keys at {}", file.toAbsolutePath());
			return encoded;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or create the key-encryption key file " + file, ex);
		}
	}

	private static void restrictToOwner(Path file) throws IOException {
		try {
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		}
		catch (UnsupportedOperationException ex) {
			// Not a POSIX file system: the file keeps the directory's default
			// permissions.
		}
	}

}
