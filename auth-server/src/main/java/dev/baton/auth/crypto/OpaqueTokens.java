package dev.baton.auth.crypto;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Generates opaque secrets: refresh tokens, authorization codes and client secrets. Each
 * carries 256 bits from {@link SecureRandom}, encoded as base64url without padding (43
 * characters).
 */
public final class OpaqueTokens {

	private static final int BYTES = 32;

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private OpaqueTokens() {
	}

	public static String generate() {
		byte[] bytes = new byte[BYTES];
		RANDOM.nextBytes(bytes);
		return ENCODER.encodeToString(bytes);
	}

}
