package dev.baton.auth.database;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs a transaction again when it lost a race to a concurrent one
 * ({@link DatabaseFailures#isConflict}): an InnoDB deadlock, or a Galera certification
 * conflict, which any write that races another on a different cluster member can meet at
 * its COMMIT. The rolled-back attempt left nothing behind, and the next attempt reads the
 * winner's committed state, so it reaches the outcome the race means (for a refresh: the
 * reuse or grace retry of DESIGN rules 2 and 3) instead of a 5xx.
 * <p>
 * It wraps the transactional call from outside: each attempt must be a whole transaction
 * of its own, so inside an active transaction (whose rollback the failure has already
 * decided) it runs the work once. Attempts are bounded
 * ({@code baton.database.retry.max-attempts}) and separated by a random pause below an
 * exponentially growing bound (full jitter). When the attempts run out, the last failure
 * is thrown.
 */
@Component
public final class TransactionRetry {

	private static final Logger logger = LoggerFactory.getLogger(TransactionRetry.class);

	private final DatabaseProperties.Retry properties;

	private final Pause pause;

	private final Counter retries;

	private final Counter exhausted;

	@Autowired
	public TransactionRetry(DatabaseProperties properties, MeterRegistry meterRegistry) {
		this(properties.retry(), TransactionRetry::sleep, meterRegistry);
	}

	TransactionRetry(DatabaseProperties.Retry properties, Pause pause, MeterRegistry meterRegistry) {
		this.properties = properties;
		this.pause = pause;
		this.retries = meterRegistry.counter("baton.database.conflicts", "result", "retried");
		this.exhausted = meterRegistry.counter("baton.database.conflicts", "result", "exhausted");
	}

	/**
	 * Runs {@code transaction}, which must begin and end a transaction of its own (a call
	 * through a {@code @Transactional} proxy or a {@code TransactionTemplate}), again on
	 * a conflict.
	 * @param operation what runs, for the log
	 */
	public <T> T run(String operation, Supplier<T> transaction) {
		return run(operation, transaction, DatabaseFailures::isConflict);
	}

	/**
	 * {@link #run}, for a transaction that inserts rows when they are missing: there a
	 * duplicate key also means that a concurrent transaction (another node starting at
	 * the same moment) won the race, and running it again finds the rows and inserts
	 * nothing.
	 */
	public <T> T runInsertingIfMissing(String operation, Supplier<T> transaction) {
		return run(operation, transaction,
				(ex) -> DatabaseFailures.isConflict(ex) || ex instanceof DataIntegrityViolationException);
	}

	private <T> T run(String operation, Supplier<T> transaction, Predicate<RuntimeException> lostRace) {
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			return transaction.get();
		}
		for (int attempt = 1;; attempt++) {
			try {
				return transaction.get();
			}
			catch (RuntimeException ex) {
				if (!lostRace.test(ex)) {
					throw ex;
				}
				if (attempt >= this.properties.maxAttempts()) {
					this.exhausted.increment();
					logger.warn("{}: still conflicting with concurrent transactions after {} attempts", operation,
							attempt);
					throw ex;
				}
				this.retries.increment();
				logger.debug("{}: conflict with a concurrent transaction (attempt {}), running it again", operation,
						attempt);
				this.pause.pause(backoff(attempt));
			}
		}
	}

	/** Full jitter: a random pause below min(max, initial × 2^(attempt−1)). */
	Duration backoff(int attempt) {
		long initial = this.properties.initialBackoff().toNanos();
		long cap = this.properties.maxBackoff().toNanos();
		long bound = (attempt >= 31 || initial << (attempt - 1) > cap || initial << (attempt - 1) <= 0) ? cap
				: initial << (attempt - 1);
		return (bound <= 0) ? Duration.ZERO : Duration.ofNanos(ThreadLocalRandom.current().nextLong(bound + 1));
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis(), (int) (duration.toNanos() % 1_000_000));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting to retry a transaction", ex);
		}
	}

	/** The wait between attempts (a fake in the tests). */
	@FunctionalInterface
	interface Pause {

		void pause(Duration duration);

	}

}
