package dev.baton.auth.client;

import dev.baton.auth.support.RequestOrigin;

/**
 * Who changes the registry, for the audit log: an admin client ({@code name} is its
 * {@code client_id}), the clients file, dynamic registration or the bootstrap of the
 * first admin client.
 */
public record ClientActor(String name, RequestOrigin origin) {

	public static final String CLIENTS_FILE = "clients-file";

	public static final String BOOTSTRAP = "bootstrap";

	public static ClientActor adminClient(String clientId, RequestOrigin origin) {
		return new ClientActor(clientId, origin);
	}

	public static ClientActor system(String name) {
		return new ClientActor(name, RequestOrigin.UNKNOWN);
	}

}
