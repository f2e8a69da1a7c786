package dev.baton.auth.keys;

import java.time.Instant;

/** What a rotation request came to. */
public sealed interface KeyRotationOutcome {

	/**
	 * A new key is published now and signs from its {@code activatesAt}; the previous key
	 * (absent on an empty key set) signs until then and stays published until
	 * {@code previousUnpublishAt}.
	 */
	record Rotated(SigningKey newKey, SigningKey previousKey,
			Instant previousUnpublishAt) implements KeyRotationOutcome {
	}

	/**
	 * A rotation is already pending: its key is published but signs only from its
	 * {@code activatesAt}. One rotation at a time: the next may start once that key
	 * signs. Nothing was written.
	 */
	record Pending(SigningKey pendingKey) implements KeyRotationOutcome {
	}

	/**
	 * Another rotation (on this or another node) changed the newest key meanwhile;
	 * nothing was written.
	 */
	record Superseded() implements KeyRotationOutcome {
	}

}
