package dev.baton.auth.refresh;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.baton.auth.crypto.TokenHash;
import dev.baton.auth.support.RequestOrigin;

/** Refresh tokens, found by hash. */
public interface RefreshTokenRepository {

	/**
	 * A token with its family and whether the family's user is enabled, in one round
	 * trip.
	 *
	 * @param userEnabled false when the account named by the family's subject is disabled
	 * or no longer exists
	 */
	record TokenWithFamily(RefreshToken token, TokenFamily family, boolean userEnabled) {

		public TokenWithFamily(RefreshToken token, TokenFamily family) {
			this(token, family, true);
		}

	}

	void insert(RefreshToken token, RequestOrigin origin);

	Optional<TokenWithFamily> findWithFamily(TokenHash hash);

	/** Reads the current committed row, locking it: for deciding after a lost race. */
	Optional<RefreshToken> findForUpdate(TokenHash hash);

	Optional<RefreshToken> findByFamilyAndGeneration(String familyId, int generation);

	/** The newest token of the family. */
	Optional<RefreshToken> findNewest(String familyId);

	/**
	 * Consumes the token if no one has: {@code UPDATE … WHERE consumed_at IS NULL},
	 * checked by its row count (DESIGN rule 1). Correct with any number of nodes on one
	 * database.
	 * @param successorCiphertext the encrypted successor for the grace window, or
	 * {@code null}
	 * @return whether this call consumed it
	 */
	boolean consume(TokenHash hash, Instant now, byte[] successorCiphertext, Instant successorExpiresAt);

	/**
	 * Confirms that these successors reached their clients (DESIGN rule 7): erases a
	 * strict client's encrypted successor, cuts a grace client's back to its grace
	 * window. One batch per kind.
	 */
	void confirmDelivered(List<DeliveredSuccessor> delivered);

	/** Erases the encrypted successors whose grace or recovery window has passed. */
	int eraseExpiredSuccessors(Instant now);

}
