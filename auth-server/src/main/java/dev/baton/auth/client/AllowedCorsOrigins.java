package dev.baton.auth.client;

import dev.baton.auth.database.DatabaseFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Which browser origins the client registry allows, for Baton's CORS answers
 * ({@code dev.baton.auth.cors}). Each question is one statement on the {@code client}
 * table, asked only for a cross-origin request: a value that is not an origin in its
 * serialized form ({@link CorsOrigin}) never reaches the database. While the database
 * cannot be reached the answer is "not allowed", so an endpoint that still works then
 * (the JWKS, discovery) answers without CORS headers instead of failing.
 */
@Component
public final class AllowedCorsOrigins {

	private static final Logger logger = LoggerFactory.getLogger(AllowedCorsOrigins.class);

	private final ClientRepository clients;

	public AllowedCorsOrigins(ClientRepository clients) {
		this.clients = clients;
	}

	/**
	 * Whether the client registered the origin (the token and revocation endpoints, which
	 * name their client).
	 */
	public boolean allowsForClient(String clientId, String origin) {
		if (!CorsOrigin.isValid(origin)) {
			return false;
		}
		try {
			return this.clients.findAllowedCorsOrigins(clientId).contains(origin);
		}
		catch (DataAccessException ex) {
			return unavailable(ex);
		}
	}

	/**
	 * Whether any client registered the origin (preflights, and the endpoints that name
	 * no client).
	 */
	public boolean allowsForAnyClient(String origin) {
		if (!CorsOrigin.isValid(origin)) {
			return false;
		}
		try {
			return this.clients.existsWithAllowedCorsOrigin(origin);
		}
		catch (DataAccessException ex) {
			return unavailable(ex);
		}
	}

	private static boolean unavailable(DataAccessException ex) {
		if (!DatabaseFailures.isUnavailable(ex)) {
			throw ex;
		}
		logger.debug("CORS origin not checked, the database is unreachable: {}", ex.getMessage());
		return false;
	}

}
