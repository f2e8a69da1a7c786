package dev.baton.auth.keys;

import java.time.Instant;
import java.util.List;

/** The signing key set in the database. */
public interface SigningKeyRepository {

	/** {@code signing_key.succeeds} of the first key of an empty key set. */
	String FIRST_KEY = "first";

	/**
	 * Stores a key unless another key already succeeds the same key: {@code succeeds} is
	 * the kid of the key it replaces, or {@link #FIRST_KEY}, and its unique index lets
	 * only one such key exist, however many nodes try at once.
	 * @return whether it was stored; {@code false} when another key succeeding
	 * {@code succeeds} exists
	 */
	boolean insert(SigningKey key, String succeeds);

	/** Every key not yet unpublished, newest activation first. */
	List<SigningKey> findPublished(Instant now);

	/**
	 * Ends the signing period of {@code kid} if no rotation has done so yet: a
	 * conditional UPDATE ({@code retires_at IS NULL}); {@code false} when another
	 * rotation got there first.
	 */
	boolean retire(String kid, Instant retiresAt, Instant unpublishAt);

	/**
	 * Ends the signing period of every key still signing at {@code retiresAt}, except
	 * {@code keepKid}.
	 */
	int retireAllExcept(String keepKid, Instant retiresAt, Instant unpublishAt);

}
