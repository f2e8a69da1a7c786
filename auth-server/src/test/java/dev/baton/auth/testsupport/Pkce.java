package dev.baton.auth.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A PKCE pair (RFC 7636, method S256): the verifier the client keeps for the token
 * request and the challenge it sends in the authorization request. The one place the
 * tests make them; the challenge is computed here, not by Baton's own hashing, so a test
 * does not check Baton against itself.
 */
public record Pkce(String verifier, String challenge) {

	/**
	 * The pair of RFC 7636 Appendix B, for requests that need a fixed, valid challenge.
	 */
	public static final Pkce RFC_7636_EXAMPLE = new Pkce("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
			"E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");

	private static final SecureRandom RANDOM = new SecureRandom();

	/**
	 * A new pair: a verifier of 32 random bytes (43 characters, RFC 7636 §4.1) and its
	 * S256 challenge.
	 */
	public static Pkce generate() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		return new Pkce(verifier, challenge(verifier));
	}

	/** RFC 7636 §4.2: {@code BASE64URL(SHA256(ASCII(code_verifier)))}. */
	public static String challenge(String verifier) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The authorization request's parameters,
	 * {@code code_challenge=…&code_challenge_method=S256}.
	 */
	public String requestParameters() {
		return "code_challenge=" + this.challenge + "&code_challenge_method=S256";
	}

}
