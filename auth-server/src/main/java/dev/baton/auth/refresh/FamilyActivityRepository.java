package dev.baton.auth.refresh;

import java.time.Instant;
import java.util.List;

/** Read side of token families for the user's "your devices" page. */
public interface FamilyActivityRepository {

	/**
	 * The user's families that are neither revoked nor past their absolute expiry, most
	 * recently used first.
	 */
	List<FamilyActivity> findLiveOfSubject(String subject, Instant now);

}
