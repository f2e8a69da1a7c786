package dev.baton.auth.backchannel;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The back-channel logout outbox. */
interface BackchannelLogoutRepository {

	void insert(PendingLogout logout);

	/**
	 * Ids of deliveries due at {@code now} and not claimed by a live lease, oldest due
	 * first.
	 */
	List<String> findDue(Instant now, int limit);

	/**
	 * Claims a due delivery for one attempt: one conditional UPDATE, so one node at a
	 * time attempts it.
	 * @return the row, empty when another node claimed it first or it is gone or not due
	 */
	Optional<PendingLogout> claim(String id, String claimToken, Instant now, Instant claimedUntil);

	/**
	 * Deletes a delivery this claim holds (delivered or abandoned); false when the claim
	 * was lost.
	 */
	boolean delete(String id, String claimToken);

	/**
	 * Releases the claim and schedules the next attempt; false when the claim was lost.
	 */
	boolean reschedule(String id, String claimToken, int attempts, Instant nextAttemptAt);

}
