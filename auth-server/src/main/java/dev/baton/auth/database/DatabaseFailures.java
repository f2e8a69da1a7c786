package dev.baton.auth.database;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells the two database failures Baton handles apart from bugs, by the exception or any
 * of its causes.
 * <ul>
 * <li>A <b>conflict</b>: this transaction lost a race and was rolled back; running it
 * again is correct and decides on the winner's committed state. InnoDB reports a deadlock
 * ("Deadlock found when trying to get lock; try restarting transaction", error 1213,
 * SQLState 40001) or a lock wait timeout (1205); Galera reports a failed certification or
 * a brute-force abort by a replicated write set with the same 1213/40001; MariaDB 11's
 * snapshot isolation reports 1020.</li>
 * <li><b>Unavailable</b>: no connection could be had or the one in use broke (the pool's
 * timeout, a refused or broken connection, SQLState class 08, a Galera node that is not
 * ready, error 1047, a COMMIT or ROLLBACK that failed in the driver).</li>
 * </ul>
 */
public final class DatabaseFailures {

	private static final Set<Integer> CONFLICT_ERROR_CODES = Set.of(1213, 1205, 1020);

	private static final String SERIALIZATION_FAILURE = "40001";

	private static final int WSREP_NOT_READY = 1047;

	private DatabaseFailures() {
	}

	public static boolean isConflict(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = next(cause)) {
			if (cause instanceof ConcurrencyFailureException) {
				return true;
			}
			if (cause instanceof SQLException sql && (SERIALIZATION_FAILURE.equals(sql.getSQLState())
					|| CONFLICT_ERROR_CODES.contains(sql.getErrorCode()))) {
				return true;
			}
		}
		return false;
	}

	public static boolean isUnavailable(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = next(cause)) {
			if (cause instanceof CannotCreateTransactionException || cause instanceof DataAccessResourceFailureException
					|| cause instanceof SQLTransientConnectionException
					|| cause instanceof SQLNonTransientConnectionException || cause instanceof SQLRecoverableException
					|| cause instanceof ConnectException || cause instanceof SocketTimeoutException) {
				return true;
			}
			if (cause instanceof SQLException sql && ((sql.getSQLState() != null && sql.getSQLState().startsWith("08"))
					|| sql.getErrorCode() == WSREP_NOT_READY)) {
				return true;
			}
			// A COMMIT or ROLLBACK that failed at the driver: the connection broke under
			// it (the pool's "Connection
			// is closed" carries no SQLState).
			if (cause instanceof TransactionSystemException && cause.getCause() instanceof SQLException
					&& !isConflict(cause.getCause())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The next cause; for a commit whose rollback failed too, the commit's failure
	 * (Spring keeps it as the "application exception" and the rollback's, often just
	 * "Connection is closed", as the cause).
	 */
	private static Throwable next(Throwable cause) {
		if (cause instanceof TransactionSystemException system && system.getApplicationException() != null) {
			return system.getApplicationException();
		}
		if (cause instanceof SQLException sql && sql.getNextException() != null && sql.getCause() == null) {
			return sql.getNextException();
		}
		return (cause.getCause() != cause) ? cause.getCause() : null;
	}

}
