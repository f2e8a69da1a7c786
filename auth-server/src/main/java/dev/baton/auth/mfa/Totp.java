package dev.baton.auth.mfa;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.OptionalLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords, RFC 6238 with the parameters every authenticator app
 * uses: HMAC-SHA-1, 6 digits, 30-second steps counted from the Unix epoch, a 160-bit
 * secret (RFC 4226 §4 R6).
 */
public final class Totp {

	public static final int SECRET_BYTES = 20;

	public static final int DIGITS = 6;

	public static final long STEP_SECONDS = 30;

	/**
	 * Steps before and after the current one that are accepted (RFC 6238 §5.2: one step
	 * of clock drift).
	 */
	public static final int WINDOW = 1;

	private static final SecureRandom RANDOM = new SecureRandom();

	private Totp() {
	}

	public static byte[] generateSecret() {
		byte[] secret = new byte[SECRET_BYTES];
		RANDOM.nextBytes(secret);
		return secret;
	}

	/** RFC 6238 §4.2: the step {@code T} of an instant. */
	public static long step(Instant instant) {
		return Math.floorDiv(instant.getEpochSecond(), STEP_SECONDS);
	}

	/** RFC 4226 §5.3: the code of a step, 6 digits with leading zeros. */
	public static String code(byte[] secret, long step) {
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(secret, "HmacSHA1"));
			byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
			int offset = hash[hash.length - 1] & 0x0f;
			int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
					| ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
			return String.format("%06d", binary % 1_000_000);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA1 is not available", ex);
		}
	}

	/**
	 * The step whose code the given code is, within one step of {@code now} and later
	 * than {@code lastUsedStep} (a code used once, or any code of an earlier step, is
	 * never accepted again: RFC 6238 §5.2). Every step of the window is compared, in
	 * constant time, so the answer's timing says nothing about which step matched.
	 */
	public static OptionalLong matchingStep(byte[] secret, String code, Instant now, Long lastUsedStep) {
		if (code == null || code.length() != DIGITS || !code.chars().allMatch((c) -> c >= '0' && c <= '9')) {
			return OptionalLong.empty();
		}
		long current = step(now);
		long matched = -1;
		for (long step = current - WINDOW; step <= current + WINDOW; step++) {
			boolean equal = MessageDigest.isEqual(code(secret, step).getBytes(), code.getBytes());
			if (equal && matched < 0 && (lastUsedStep == null || step > lastUsedStep)) {
				matched = step;
			}
		}
		return (matched < 0) ? OptionalLong.empty() : OptionalLong.of(matched);
	}

}
