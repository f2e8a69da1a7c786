package dev.baton.auth.scheduling;

/**
 * This node's lease of a job lock ended and another node took the lock over: the job
 * stops where it is. Thrown from {@link JobContext#checkpoint()}; {@link JobRunner}
 * catches it.
 */
public final class LeaseLostException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	LeaseLostException(String jobName, long fencingToken) {
		super("Lease of job '" + jobName + "' (fencing token " + fencingToken + ") was taken over by another node");
	}

}
