package dev.baton.auth.refresh;

/**
 * What presenting a refresh token led to. Returned, not thrown, from the transactional
 * rotation, so that a revocation commits even though the request fails; the
 * authentication provider maps it to OAuth errors.
 */
public sealed interface RotationOutcome {

	/** The token was consumed and a successor issued (DESIGN rule 1). */
	record Rotated(TokenFamily family, IssuedRefreshToken successor) implements RotationOutcome {
	}

	/**
	 * A lost-response retry within the grace window: the same successor again (DESIGN
	 * rule 3).
	 */
	record RetriedWithinGrace(TokenFamily family, IssuedRefreshToken successor) implements RotationOutcome {
	}

	/**
	 * A consumed token came back after a rotation whose response was never confirmed as
	 * written: the same successor again (DESIGN rule 7).
	 */
	record RecoveredUnconfirmed(TokenFamily family, IssuedRefreshToken successor) implements RotationOutcome {
	}

	/** A consumed token came back: the family is now revoked (DESIGN rule 2). */
	record ReuseDetected(TokenFamily family) implements RotationOutcome {
	}

	/** The token or its family is past its lifetime (DESIGN rule 4). */
	record Expired(TokenFamily family) implements RotationOutcome {
	}

	/** No such token. */
	record Unknown() implements RotationOutcome {
	}

	/** Another client presented the token; it stays unconsumed (DESIGN rule 5). */
	record ClientMismatch(TokenFamily family) implements RotationOutcome {
	}

	/**
	 * The family's user is disabled or deleted (seen in the same read as the token); the
	 * token stays unconsumed and the family untouched, so enabling the account again
	 * brings its sessions back.
	 */
	record UserDisabled(TokenFamily family) implements RotationOutcome {
	}

	/** The family was revoked before. */
	record FamilyRevoked(TokenFamily family) implements RotationOutcome {
	}

	/**
	 * More scopes were requested than the family holds (RFC 6749 §6); the token stays
	 * unconsumed.
	 */
	record ScopeExceeded(TokenFamily family) implements RotationOutcome {
	}

	/**
	 * A resource outside the family's grant was requested (RFC 8707 §2.2); the token
	 * stays unconsumed.
	 */
	record ResourceNotGranted(TokenFamily family) implements RotationOutcome {
	}

}
