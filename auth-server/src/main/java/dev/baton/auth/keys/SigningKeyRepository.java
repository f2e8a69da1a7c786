package dev.baton.auth.keys;

import java.time.Instant;
import java.util.List;

/** The signing key set in the database. */
public interface SigningKeyRepository {

	void insert(SigningKey key);

	/** Every key not yet unpublished, newest activation first. */
	List<SigningKey> findPublished(Instant now);

	/** Ends the signing period of every key still signing at {@code retiresAt}, except {@code keepKid}. */
	int retireAllExcept(String keepKid, Instant retiresAt, Instant unpublishAt);

}
