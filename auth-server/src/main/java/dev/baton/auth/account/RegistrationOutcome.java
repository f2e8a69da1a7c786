package dev.baton.auth.account;

import java.util.Map;

/** How a registration ended. */
public sealed interface RegistrationOutcome {

	/** The account exists now. */
	record Registered(String username) implements RegistrationOutcome {
	}

	/**
	 * Nothing was created; {@code errors} maps each faulty field to a message for a
	 * person.
	 */
	record Rejected(Map<String, String> errors) implements RegistrationOutcome {
	}

	/** This IP probed too many taken usernames; nothing was checked or created. */
	record Throttled() implements RegistrationOutcome {
	}

}
