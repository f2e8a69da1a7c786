package dev.baton.auth.code;

import java.time.Instant;

import org.springframework.stereotype.Component;

/**
 * The scheduled cleanup's way into the {@code authorization_code} table: removes authorization requests that were
 * never granted and codes past their lifetime.
 */
@Component
public class AuthorizationCodeCleanup {

	private final JdbcAuthorizationCodeRepository codes;

	AuthorizationCodeCleanup(JdbcAuthorizationCodeRepository codes) {
		this.codes = codes;
	}

	/**
	 * Deletes at most {@code limit} rows that expired before {@code before}.
	 * @return how many it deleted
	 */
	public int deleteExpired(Instant before, int limit) {
		return this.codes.deleteExpired(before, limit);
	}

}
