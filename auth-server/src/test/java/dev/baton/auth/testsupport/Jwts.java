package dev.baton.auth.testsupport;

import java.text.ParseException;

import com.nimbusds.jwt.SignedJWT;

/**
 * Reads a JWT's header and claims without verifying it; tests verify through JWKS or
 * introspection.
 */
public final class Jwts {

	private Jwts() {
	}

	public static SignedJWT parse(String token) {
		try {
			return SignedJWT.parse(token);
		}
		catch (ParseException ex) {
			throw new AssertionError("Not a JWT: " + token, ex);
		}
	}

}
