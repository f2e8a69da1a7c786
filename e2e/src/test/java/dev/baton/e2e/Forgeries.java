package dev.baton.e2e;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;

/** Tokens an attacker could make from a genuine one. */
final class Forgeries {

	private Forgeries() {
	}

	/**
	 * The genuine token's header and claims, re-signed with a key the attacker generated
	 * (same {@code kid}).
	 */
	static String resignedWithForeignKey(String genuine) {
		try {
			SignedJWT original = SignedJWT.parse(genuine);
			RSAKey foreign = new RSAKeyGenerator(2048).keyID(original.getHeader().getKeyID()).generate();
			SignedJWT forged = new SignedJWT(
					new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(original.getHeader().getKeyID())
						.type(new JOSEObjectType("at+jwt"))
						.build(),
					original.getJWTClaimsSet());
			forged.sign(new RSASSASigner(foreign));
			return forged.serialize();
		}
		catch (java.text.ParseException | JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The genuine claims in an unsecured JWT: {@code alg: none}, empty signature. */
	static String algNone(String genuine) {
		String[] parts = genuine.split("\\.");
		String header = base64Url("{\"alg\":\"none\",\"typ\":\"at+jwt\"}");
		return header + "." + parts[1] + ".";
	}

	/**
	 * The genuine token with its payload edited ({@code sub} replaced) and the original
	 * signature kept.
	 */
	static String tamperedSubject(String genuine, String subject) {
		String[] parts = genuine.split("\\.");
		String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
		String edited = payload.replaceFirst("\"sub\":\"[^\"]*\"", "\"sub\":\"" + subject + "\"");
		if (edited.equals(payload)) {
			throw new IllegalStateException("no sub claim to tamper with");
		}
		return parts[0] + "." + base64Url(edited) + "." + parts[2];
	}

	private static String base64Url(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

}
