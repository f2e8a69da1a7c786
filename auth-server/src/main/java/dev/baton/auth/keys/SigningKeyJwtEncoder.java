package dev.baton.auth.keys;

import java.net.URL;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtEncodingException;
import org.springframework.stereotype.Component;

/**
 * Signs every JWT with the active key of the {@link SigningKeySet}: the header gets that
 * key's {@code alg} and {@code kid}, whatever the caller asked for, plus the caller's
 * {@code typ}. The signer of each key is built once ({@link JwsSigners}) and reused
 * across requests.
 */
@Component
public class SigningKeyJwtEncoder implements JwtEncoder {

	private final SigningKeySet keySet;

	private final JwsSigners jwsSigners;

	private final Map<String, JWSSigner> signers = new ConcurrentHashMap<>();

	public SigningKeyJwtEncoder(SigningKeySet keySet, JwsSigners jwsSigners) {
		this.keySet = keySet;
		this.jwsSigners = jwsSigners;
	}

	@Override
	public Jwt encode(JwtEncoderParameters parameters) throws JwtEncodingException {
		SigningKey key = this.keySet.activeKey();
		JWSHeader.Builder header = new JWSHeader.Builder(key.algorithm().jwsAlgorithm()).keyID(key.kid());
		JwsHeader requested = parameters.getJwsHeader();
		if (requested != null && requested.getType() != null) {
			header.type(new JOSEObjectType(requested.getType()));
		}
		JwtClaimsSet claims = parameters.getClaims();
		SignedJWT jwt = new SignedJWT(header.build(), toNimbus(claims));
		try {
			jwt.sign(this.signers.computeIfAbsent(key.kid(), (kid) -> createSigner(key)));
		}
		catch (JOSEException ex) {
			throw new JwtEncodingException("Failed to sign the JWT", ex);
		}
		Map<String, Object> headers = new LinkedHashMap<>(jwt.getHeader().toJSONObject());
		return new Jwt(jwt.serialize(), claims.getIssuedAt(), claims.getExpiresAt(), headers, claims.getClaims());
	}

	private JWSSigner createSigner(SigningKey key) {
		try {
			return this.jwsSigners.create(key);
		}
		catch (JOSEException ex) {
			throw new JwtEncodingException("Cannot sign with key " + key.kid(), ex);
		}
	}

	private static JWTClaimsSet toNimbus(JwtClaimsSet claims) {
		JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
		claims.getClaims().forEach((name, value) -> builder.claim(name, toNimbusValue(value)));
		return builder.build();
	}

	private static Object toNimbusValue(Object value) {
		if (value instanceof Instant instant) {
			return Date.from(instant);
		}
		if (value instanceof URL url) {
			return url.toExternalForm();
		}
		return value;
	}

}
