package dev.baton.auth.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The SHA-256 of a token value: the only form in which Baton stores refresh tokens,
 * authorization codes and consent states. Tokens carry 256 bits of entropy, so a fast
 * unsalted hash is safe and lets the database find a token through a unique index.
 * {@link #toString()} never reveals the bytes, so a hash cannot end up in a log.
 */
public final class TokenHash {

	private final byte[] bytes;

	private TokenHash(byte[] bytes) {
		this.bytes = bytes;
	}

	public static TokenHash of(String tokenValue) {
		return new TokenHash(sha256(tokenValue.getBytes(StandardCharsets.UTF_8)));
	}

	public static TokenHash fromBytes(byte[] bytes) {
		if (bytes == null || bytes.length != 32) {
			throw new IllegalArgumentException("A token hash has 32 bytes");
		}
		return new TokenHash(bytes.clone());
	}

	public static byte[] sha256(byte[] input) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(input);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
		}
	}

	public byte[] bytes() {
		return this.bytes.clone();
	}

	/** Constant-time comparison. */
	public boolean matches(TokenHash other) {
		return other != null && MessageDigest.isEqual(this.bytes, other.bytes);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof TokenHash hash && MessageDigest.isEqual(this.bytes, hash.bytes);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(this.bytes);
	}

	@Override
	public String toString() {
		return "TokenHash[hidden]";
	}

}
