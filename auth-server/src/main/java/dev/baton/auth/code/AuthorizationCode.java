package dev.baton.auth.code;

import java.time.Instant;
import java.util.Set;

import dev.baton.auth.crypto.TokenHash;

/**
 * An authorization request of a signed-in user: waiting for consent
 * ({@code consentStateHash}) or granted with a code ({@code codeHash}). Only hashes of
 * the code and of the consent state are kept.
 *
 * @param id becomes the token family id when the code is redeemed
 * @param clientId the {@code client_id}
 * @param clientState the client's {@code state}, echoed back after consent
 * @param resources the audiences granted (RFC 8707), empty for the client's defaults
 * @param methods how the user signed in (RFC 8176 {@code amr} values without {@code mfa})
 */
record AuthorizationCode(String id, TokenHash codeHash, TokenHash consentStateHash, String clientId, String subject,
		Instant authTime, Set<String> scopes, String redirectUri, String clientState, String codeChallenge,
		String codeChallengeMethod, String nonce, Set<String> resources, Instant issuedAt, Instant expiresAt,
		Instant consumedAt, Set<String> methods) {

	/** A row of a password sign-in. */
	AuthorizationCode(String id, TokenHash codeHash, TokenHash consentStateHash, String clientId, String subject,
			Instant authTime, Set<String> scopes, String redirectUri, String clientState, String codeChallenge,
			String codeChallengeMethod, String nonce, Set<String> resources, Instant issuedAt, Instant expiresAt,
			Instant consumedAt) {
		this(id, codeHash, consentStateHash, clientId, subject, authTime, scopes, redirectUri, clientState,
				codeChallenge, codeChallengeMethod, nonce, resources, issuedAt, expiresAt, consumedAt, Set.of("pwd"));
	}

	boolean isConsumed() {
		return this.consumedAt != null;
	}

}
