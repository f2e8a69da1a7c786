package dev.baton.auth.reset;

import java.util.Map;

/** How setting a password through a reset link ended. */
public sealed interface PasswordResetOutcome {

	/** Set; every session of the account was ended. */
	record Reset(String username, int endedFamilies, int endedSignIns) implements PasswordResetOutcome {
	}

	/**
	 * Nothing changed, the link is still usable; {@code errors} maps each faulty field to
	 * a message.
	 */
	record Rejected(Map<String, String> errors) implements PasswordResetOutcome {
	}

	/** The link is unknown, used, or expired. */
	record InvalidLink() implements PasswordResetOutcome {
	}

}
