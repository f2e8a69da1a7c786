package dev.baton.auth.testsupport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Races for the concurrency tests: every task on its own thread, all released together by
 * one barrier, so they really meet in the database. Results come back in the tasks'
 * order; a task's exception fails the call.
 */
public final class AtOnce {

	private static final long TIMEOUT_MINUTES = 2;

	private AtOnce() {
	}

	public static <T> List<T> run(List<? extends Callable<T>> tasks) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(tasks.size());
		try {
			CyclicBarrier start = new CyclicBarrier(tasks.size());
			List<Future<T>> futures = new ArrayList<>();
			for (Callable<T> task : tasks) {
				futures.add(executor.submit(() -> {
					start.await();
					return task.call();
				}));
			}
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get(TIMEOUT_MINUTES, TimeUnit.MINUTES));
			}
			return results;
		}
		finally {
			executor.shutdownNow();
		}
	}

	/** The same task {@code times} times at once. */
	public static <T> List<T> run(int times, Callable<T> task) throws Exception {
		return run(Collections.nCopies(times, task));
	}

}
