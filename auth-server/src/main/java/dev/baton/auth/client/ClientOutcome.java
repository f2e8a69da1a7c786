package dev.baton.auth.client;

import java.util.List;
import java.util.Map;

/**
 * How a change to the client registry ended; {@link ClientRegistry} returns one instead
 * of throwing.
 */
public sealed interface ClientOutcome {

	/**
	 * @param secret the generated secret, to be shown once; {@code null} for a public
	 * client or a given hash
	 * @param registrationAccessToken RFC 7592's token for a dynamically registered
	 * client, else {@code null}
	 */
	record Created(Client client, String secret, String registrationAccessToken) implements ClientOutcome {

		@Override
		public String toString() {
			return "Created[" + this.client.clientId() + "]";
		}

	}

	/**
	 * @param changedFields the client metadata names whose values changed (never a value)
	 */
	record Updated(Client client, List<String> changedFields) implements ClientOutcome {
	}

	/** The metadata given was what was stored already: nothing written. */
	record Unchanged(Client client) implements ClientOutcome {
	}

	/**
	 * @param secret the new secret, to be shown once
	 */
	record SecretRotated(Client client, String secret) implements ClientOutcome {

		@Override
		public String toString() {
			return "SecretRotated[" + this.client.clientId() + "]";
		}

	}

	record Deleted(String clientId, int revokedFamilies) implements ClientOutcome {
	}

	/** Nothing written; a message per faulty field. */
	record Invalid(Map<String, String> errors) implements ClientOutcome {
	}

	record NotFound(String clientId) implements ClientOutcome {
	}

	/** The {@code client_id} is taken. */
	record AlreadyExists(String clientId) implements ClientOutcome {
	}

	/**
	 * Refused because of the registry's state: a concurrent change, or the last admin
	 * client.
	 */
	record Conflict(String clientId, String reason) implements ClientOutcome {
	}

}
