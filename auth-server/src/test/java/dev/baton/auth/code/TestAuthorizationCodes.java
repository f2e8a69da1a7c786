package dev.baton.auth.code;

import java.time.Instant;
import java.util.Set;

import dev.baton.auth.crypto.OpaqueTokens;
import dev.baton.auth.crypto.TokenHash;
import dev.baton.auth.scheduling.CleanupProperties;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Authorization codes for tests of other features, which cannot see this feature's
 * package-private types.
 */
public final class TestAuthorizationCodes {

	private TestAuthorizationCodes() {
	}

	public static AuthorizationCodeCleanup cleanup(JdbcTemplate jdbc, CleanupProperties properties) {
		return new AuthorizationCodeCleanup(new JdbcAuthorizationCodeRepository(jdbc), properties);
	}

	/**
	 * Stores a granted code of {@code clientId} for alice, issued five minutes before
	 * {@code expiresAt}.
	 */
	public static String insertCode(JdbcTemplate jdbc, String id, String clientId, Instant expiresAt) {
		new JdbcAuthorizationCodeRepository(jdbc).insert(code(id, clientId, expiresAt));
		return id;
	}

	static AuthorizationCode code(String id, String clientId, Instant expiresAt) {
		Instant issuedAt = expiresAt.minusSeconds(300);
		return new AuthorizationCode(id, TokenHash.of(OpaqueTokens.generate()), null, clientId, "alice", issuedAt,
				Set.of("openid", "notes.read"), "http://127.0.0.1:8765/callback", "state-1", "challenge", "S256",
				"nonce-1", Set.of(), issuedAt, expiresAt, null);
	}

}
