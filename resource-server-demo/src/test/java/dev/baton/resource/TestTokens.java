package dev.baton.resource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.factories.DefaultJWSSignerFactory;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Access tokens shaped like Baton's (RFC 9068), signed with test keys, and deliberately
 * broken variants.
 */
final class TestTokens {

	static final String ISSUER = "http://127.0.0.1:1/issuer";

	static final String AUDIENCE = "http://localhost:8080";

	private TestTokens() {
	}

	static RSAKey rsaKey(String kid) {
		try {
			return new RSAKeyGenerator(2048).keyID(kid)
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.RS256)
				.generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Claims of a user token for {@code alice} with both notes scopes, valid for five
	 * minutes from now.
	 */
	static JWTClaimsSet.Builder userClaims() {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer(ISSUER)
			.subject("alice")
			.audience(List.of(AUDIENCE))
			.claim("client_id", "demo-web")
			.claim("scope", "openid notes.read notes.write")
			.jwtID(UUID.randomUUID().toString())
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
	}

	static String sign(JWK key, JWTClaimsSet claims) {
		return sign(key, "at+jwt", claims);
	}

	static String sign(JWK key, String type, JWTClaimsSet claims) {
		JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.parse(key.getAlgorithm().getName()))
			.keyID(key.getKeyID());
		if (type != null) {
			header.type(new JOSEObjectType(type));
		}
		SignedJWT jwt = new SignedJWT(header.build(), claims);
		try {
			jwt.sign(new DefaultJWSSignerFactory().createJWSSigner(key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

	static String sign(JWK key, Consumer<JWTClaimsSet.Builder> claims) {
		JWTClaimsSet.Builder builder = userClaims();
		claims.accept(builder);
		return sign(key, builder.build());
	}

	/** An unsecured JWT ({@code alg: none}) with otherwise valid claims (RFC 7519 §6). */
	static String unsigned(String kid) {
		String header = base64Url("{\"alg\":\"none\",\"typ\":\"at+jwt\",\"kid\":\"" + kid + "\"}");
		return header + "." + base64Url(userClaims().build().toString()) + ".";
	}

	/**
	 * HS256 keyed with the RSA public key's encoding: the classic algorithm-confusion
	 * forgery.
	 */
	static String hmacWithPublicKey(RSAKey key) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID())
				.type(new JOSEObjectType("at+jwt"))
				.build(), userClaims().build());
			jwt.sign(new MACSigner(key.toRSAPublicKey().getEncoded()));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The token with its payload replaced (here: another subject) and the original
	 * signature kept.
	 */
	static String withPayload(String token, JWTClaimsSet claims) {
		String[] parts = token.split("\\.");
		return parts[0] + "." + base64Url(claims.toString()) + "." + parts[2];
	}

	private static String base64Url(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

}
