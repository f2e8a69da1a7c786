package dev.baton.auth.database;

import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransactionRetryTests {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final List<Duration> pauses = new ArrayList<>();

	private final TransactionRetry retry = new TransactionRetry(
			new DatabaseProperties.Retry(4, Duration.ofMillis(10), Duration.ofMillis(25)), this.pauses::add,
			this.meters);

	/**
	 * What MariaDB's driver throws for an InnoDB deadlock or a Galera certification
	 * conflict.
	 */
	static SQLTransactionRollbackException deadlock() {
		return new SQLTransactionRollbackException("Deadlock found when trying to get lock; try restarting transaction",
				"40001", 1213);
	}

	@Test
	void runWhenFirstCommitHitsMariaDbDeadlockThenRunsAgainAndReturnsSecondResult() {
		AtomicInteger attempts = new AtomicInteger();

		String result = this.retry.run("test", () -> {
			if (attempts.incrementAndGet() == 1) {
				throw new TransactionSystemException("Could not commit JDBC transaction", deadlock());
			}
			return "second";
		});

		assertThat(result).isEqualTo("second");
		assertThat(attempts).hasValue(2);
		assertThat(this.pauses).hasSize(1)
			.allSatisfy((pause) -> assertThat(pause).isBetween(Duration.ZERO, Duration.ofMillis(10)));
		assertThat(this.meters.counter("baton.database.conflicts", "result", "retried").count()).isEqualTo(1);
	}

	@Test
	void runWhenSpringTranslatedLockFailureThenRunsAgain() {
		AtomicInteger attempts = new AtomicInteger();

		int result = this.retry.run("test", () -> {
			if (attempts.incrementAndGet() < 3) {
				throw new CannotAcquireLockException("Lock wait timeout exceeded; try restarting transaction");
			}
			return attempts.get();
		});

		assertThat(result).isEqualTo(3);
		assertThat(this.pauses).hasSize(2);
	}

	@Test
	void runInsertingIfMissingWhenAnotherNodeInsertedFirstThenRunsAgainButRunDoesNot() {
		AtomicInteger attempts = new AtomicInteger();
		java.util.function.Supplier<String> insert = () -> {
			if (attempts.incrementAndGet() == 1) {
				throw new org.springframework.dao.DuplicateKeyException("inserted by another node");
			}
			return "found";
		};

		assertThat(this.retry.runInsertingIfMissing("seed", insert)).isEqualTo("found");
		assertThat(attempts).hasValue(2);

		attempts.set(0);
		assertThatThrownBy(() -> this.retry.run("insert", insert))
			.isInstanceOf(org.springframework.dao.DuplicateKeyException.class);
		assertThat(attempts).hasValue(1);
	}

	@Test
	void runWhenConflictPersistsThenStopsAfterMaxAttemptsWithLastFailure() {
		AtomicInteger attempts = new AtomicInteger();
		List<RuntimeException> thrown = new ArrayList<>();

		assertThatThrownBy(() -> this.retry.run("test", () -> {
			attempts.incrementAndGet();
			RuntimeException failure = new TransactionSystemException("commit", deadlock());
			thrown.add(failure);
			throw failure;
		})).isSameAs(thrown.get(thrown.size() - 1));

		assertThat(attempts).hasValue(4);
		assertThat(this.pauses).hasSize(3);
		assertThat(this.meters.counter("baton.database.conflicts", "result", "exhausted").count()).isEqualTo(1);
	}

	@Test
	void runWhenFailureIsNoConflictThenThrowsAtOnce() {
		AtomicInteger attempts = new AtomicInteger();

		assertThatThrownBy(() -> this.retry.run("test", () -> {
			attempts.incrementAndGet();
			throw new DataIntegrityViolationException("duplicate key");
		})).isInstanceOf(DataIntegrityViolationException.class);

		assertThat(attempts).hasValue(1);
		assertThat(this.pauses).isEmpty();
	}

	@Test
	void runWhenDatabaseUnreachableThenThrowsAtOnce() {
		AtomicInteger attempts = new AtomicInteger();

		assertThatThrownBy(() -> this.retry.run("test", () -> {
			attempts.incrementAndGet();
			throw new CannotGetJdbcConnectionException("pool", new SQLTransientConnectionException("timeout"));
		})).isInstanceOf(CannotGetJdbcConnectionException.class);

		assertThat(attempts).hasValue(1);
	}

	@Test
	void runWhenInsideActiveTransactionThenRunsOnceBecauseOnlyTheOuterTransactionCanBeRetried() {
		AtomicInteger attempts = new AtomicInteger();
		TransactionSynchronizationManager.setActualTransactionActive(true);
		try {
			assertThatThrownBy(() -> this.retry.run("test", () -> {
				attempts.incrementAndGet();
				throw new TransactionSystemException("commit", deadlock());
			})).isInstanceOf(TransactionSystemException.class);
		}
		finally {
			TransactionSynchronizationManager.setActualTransactionActive(false);
		}

		assertThat(attempts).hasValue(1);
	}

	@Test
	void backoffWhenAttemptsGrowThenBoundDoublesUpToCap() {
		for (int i = 0; i < 200; i++) {
			assertThat(this.retry.backoff(1)).isLessThanOrEqualTo(Duration.ofMillis(10));
			assertThat(this.retry.backoff(2)).isLessThanOrEqualTo(Duration.ofMillis(20));
			assertThat(this.retry.backoff(3)).isLessThanOrEqualTo(Duration.ofMillis(25));
			assertThat(this.retry.backoff(60)).isLessThanOrEqualTo(Duration.ofMillis(25));
		}
	}

	@Test
	void isConflictWhenGaleraOrInnoDbErrorsThenTrueAndOtherwiseFalse() {
		assertThat(DatabaseFailures.isConflict(new RuntimeException(deadlock()))).isTrue();
		assertThat(DatabaseFailures.isConflict(new java.sql.SQLException("Lock wait timeout", "HY000", 1205))).isTrue();
		assertThat(DatabaseFailures.isConflict(new java.sql.SQLException("Duplicate entry", "23000", 1062))).isFalse();
		assertThat(DatabaseFailures
			.isUnavailable(new java.sql.SQLException("WSREP has not yet prepared node", "08S01", 1047))).isTrue();
		assertThat(DatabaseFailures.isUnavailable(new RuntimeException(deadlock()))).isFalse();
		TransactionSystemException commitThenRollbackFailed = new TransactionSystemException("rollback",
				new java.sql.SQLException("Connection is closed"));
		commitThenRollbackFailed.initApplicationException(
				new org.springframework.dao.DataAccessResourceFailureException("JDBC commit; Socket timout error"));
		assertThat(DatabaseFailures.isUnavailable(commitThenRollbackFailed)).isTrue();
		assertThat(DatabaseFailures.isUnavailable(new TransactionSystemException("JDBC rollback failed",
				new java.sql.SQLException("Connection is closed"))))
			.isTrue();
		assertThat(DatabaseFailures.isUnavailable(new TransactionSystemException("commit", deadlock()))).isFalse();
	}

}
