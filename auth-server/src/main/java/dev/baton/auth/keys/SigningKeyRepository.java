package dev.baton.auth.keys;

import java.time.Instant;
import java.util.List;

/** The signing key set in the database. */
public interface SigningKeyRepository {

	void insert(SigningKey key);

	/** Every key not yet unpublished, newest activation first. */
	List<SigningKey> findPublished(Instant now);

	/**
	 * Ends the signing period of {@code kid} if no rotation has done so yet: a conditional UPDATE
	 * ({@code retires_at IS NULL}); {@code false} when another rotation got there first.
	 */
	boolean retire(String kid, Instant retiresAt, Instant unpublishAt);

	/** Ends the signing period of every key still signing at {@code retiresAt}, except {@code keepKid}. */
	int retireAllExcept(String keepKid, Instant retiresAt, Instant unpublishAt);

}
