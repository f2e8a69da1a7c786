package dev.baton.auth.account;

import java.util.Map;

/** How a password change ended. */
public sealed interface PasswordChangeOutcome {

	/**
	 * Changed; this many other sessions (token families and browser sign-ins) were ended.
	 */
	record Changed(int endedFamilies, int endedSignIns) implements PasswordChangeOutcome {
	}

	/**
	 * Nothing changed; {@code errors} maps each faulty field to a message for a person.
	 */
	record Rejected(Map<String, String> errors) implements PasswordChangeOutcome {
	}

}
