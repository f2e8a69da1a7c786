package dev.baton.auth.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import dev.baton.auth.crypto.TokenHash;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Encodes client secrets as {@code {sha256}<base64url digest>}.
 * <p>
 * Secrets Baton generates carry 256 bits of entropy ({@link ClientSecretGenerator}): no
 * attacker can search that space, so an adaptive password hash would only burn CPU on
 * every token request (DESIGN "Nothing usable at rest"). Matching is constant-time.
 * <p>
 * The encoded form may list several hashes separated by spaces: during a secret
 * rotation's overlap ({@link DatabaseRegisteredClientRepository}) the new and the
 * previous secret are both accepted.
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
		byte[] actual = encode(rawSecret).getBytes(StandardCharsets.US_ASCII);
		boolean matched = false;
		for (String accepted : encodedSecret.split(" ")) {
			// Every listed hash is compared, so the time taken does not tell which one
			// matched.
			matched |= accepted.startsWith(PREFIX)
					&& MessageDigest.isEqual(accepted.getBytes(StandardCharsets.US_ASCII), actual);
		}
		return matched;
	}

	/**
	 * Whether a value is a hash this encoder produced ({@code {sha256}} and 43 base64url
	 * characters).
	 */
	public static boolean isEncoded(String value) {
		return value != null && value.matches("\\{sha256}[A-Za-z0-9_-]{43}");
	}

	@Override
	public boolean upgradeEncoding(String encodedSecret) {
		return false;
	}

}
