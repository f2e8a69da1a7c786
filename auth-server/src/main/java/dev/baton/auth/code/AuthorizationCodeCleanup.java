package dev.baton.auth.code;

import java.time.Instant;

import dev.baton.auth.scheduling.CleanupProperties;
import dev.baton.auth.scheduling.CleanupTask;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Removes authorization requests that were never granted and codes expired more than
 * {@code code-retention} ago: until then a code used again late is still recognised as
 * reuse and revokes its family (RFC 6749 §4.1.2).
 */
@Component
@Order(20)
public final class AuthorizationCodeCleanup implements CleanupTask {

	private final JdbcAuthorizationCodeRepository codes;

	private final CleanupProperties properties;

	AuthorizationCodeCleanup(JdbcAuthorizationCodeRepository codes, CleanupProperties properties) {
		this.codes = codes;
		this.properties = properties;
	}

	@Override
	public String name() {
		return "authorization codes";
	}

	@Override
	public int cleanUp(Instant now, int limit) {
		return this.codes.deleteExpired(now.minus(this.properties.codeRetention()), limit);
	}

}
