package dev.baton.auth.scheduling;

import java.time.Instant;

/**
 * One kind of row that {@link TokenCleanupJob} removes once it serves no purpose. Each
 * feature declares its own as a bean, next to the table it owns, with the rule of what
 * "no purpose" means there; the job knows none of them and runs them in their
 * {@code @Order}, in batches, under its lease.
 */
public interface CleanupTask {

	/** What it removes, in the run's log line and report: "authorization codes". */
	String name();

	/**
	 * Removes at most {@code limit} rows that serve no purpose any more at {@code now}.
	 * @return how many it removed; fewer than {@code limit} means none is left
	 */
	int cleanUp(Instant now, int limit);

}
