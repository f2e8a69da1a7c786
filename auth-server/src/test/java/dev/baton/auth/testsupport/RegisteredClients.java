package dev.baton.auth.testsupport;

import java.time.Clock;
import java.time.Duration;

import dev.baton.auth.client.ClientRepository;
import dev.baton.auth.client.DatabaseRegisteredClientRepository;
import dev.baton.auth.client.TokenDefaults;
import dev.baton.auth.refresh.RefreshTokenProperties;
import dev.baton.auth.token.TokenProperties;

/**
 * The framework's view of registered clients over a client repository, with the server's
 * default lifetimes.
 */
public final class RegisteredClients {

	/**
	 * The defaults of {@code baton.token.*} and {@code baton.refresh.*} (strict
	 * rotation).
	 */
	public static final TokenDefaults SERVER_DEFAULTS = new RefreshTokenProperties(Duration.ofDays(14),
			Duration.ofDays(90), Duration.ZERO, Duration.ofSeconds(2), Duration.ofMinutes(5))
		.clientDefaults(new TokenProperties(Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofMinutes(30)));

	private RegisteredClients() {
	}

	public static DatabaseRegisteredClientRepository of(ClientRepository clients) {
		return new DatabaseRegisteredClientRepository(clients, SERVER_DEFAULTS);
	}

	public static DatabaseRegisteredClientRepository of(ClientRepository clients, Clock clock) {
		return new DatabaseRegisteredClientRepository(clients, SERVER_DEFAULTS, clock);
	}

}
