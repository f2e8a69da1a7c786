package dev.baton.auth.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import dev.baton.auth.crypto.TokenHash;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Encodes client secrets as {@code {sha256}<base64url digest>}.
 * <p>
 * Secrets Baton generates carry 256 bits of entropy ({@link ClientSecretGenerator}): no attacker can search that
 * space, so an adaptive password hash would only burn CPU on every token request (DESIGN "Nothing usable at
 * rest"). Matching is constant-time.
 */
public final class ClientSecretEncoder implements PasswordEncoder {

	static final String PREFIX = "{sha256}";

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	@Override
	public String encode(CharSequence rawSecret) {
		byte[] digest = TokenHash.sha256(rawSecret.toString().getBytes(StandardCharsets.UTF_8));
		return PREFIX + ENCODER.encodeToString(digest);
	}

	@Override
	public boolean matches(CharSequence rawSecret, String encodedSecret) {
		if (rawSecret == null || encodedSecret == null || !encodedSecret.startsWith(PREFIX)) {
			return false;
		}
		byte[] expected = encodedSecret.getBytes(StandardCharsets.US_ASCII);
		byte[] actual = encode(rawSecret).getBytes(StandardCharsets.US_ASCII);
		return MessageDigest.isEqual(expected, actual);
	}

	@Override
	public boolean upgradeEncoding(String encodedSecret) {
		return false;
	}

}
