package dev.baton.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * Closed-loop load: each worker is one platform thread with one keep-alive connection,
 * sending its next request as soon as the previous answer arrives. Only requests started
 * and finished inside the measurement window (after the warm-up) count. For the refresh
 * scenario each worker owns one token family and always presents the newest refresh
 * token, the one from the previous response (the relay the issue describes).
 */
final class LoadRun {

	interface Scenario {

		/** Sends one request on the worker's connection; returns the HTTP status. */
		int send(RawHttpClient client, int worker) throws Exception;

	}

	record Result(String scenario, String label, int workers, double seconds, long requests, long non200,
			long[] latenciesNanos, long serverCpuMillis, long generatorCpuMillis, String loadBefore, String loadAfter,
			List<String> errors) {

		double throughput() {
			return this.requests / this.seconds;
		}

		double percentileMillis(double p) {
			if (this.latenciesNanos.length == 0) {
				return Double.NaN;
			}
			int index = (int) Math.ceil(p / 100.0 * this.latenciesNanos.length) - 1;
			return this.latenciesNanos[Math.max(0, Math.min(index, this.latenciesNanos.length - 1))] / 1e6;
		}

		double serverCpuPerRequest() {
			return (this.serverCpuMillis < 0 || this.requests == 0) ? Double.NaN
					: (double) this.serverCpuMillis / this.requests;
		}

		double generatorCpuPerRequest() {
			return (this.requests == 0) ? Double.NaN : (double) this.generatorCpuMillis / this.requests;
		}

		static String header() {
			return String.format(Locale.ROOT, "%-22s %-16s %7s %9s %7s %7s %7s %8s %8s %11s %10s  %s", "scenario",
					"label", "workers", "req/s", "p50ms", "p90ms", "p99ms", "maxms", "non-200", "srvCPUms/rq",
					"genCPUms/rq", "load(1m,5m,15m) before -> after");
		}

		String row() {
			return String.format(Locale.ROOT,
					"%-22s %-16s %7d %9.0f %7.2f %7.2f %7.2f %8.1f %8d %11.3f %10.3f  %s -> %s", this.scenario,
					this.label, this.workers, throughput(), percentileMillis(50), percentileMillis(90),
					percentileMillis(99), percentileMillis(100), this.non200, serverCpuPerRequest(),
					generatorCpuPerRequest(), this.loadBefore, this.loadAfter);
		}

		String tsv() {
			return String.join("\t", this.scenario, this.label, Integer.toString(this.workers),
					String.format(Locale.ROOT, "%.1f", throughput()),
					String.format(Locale.ROOT, "%.3f", percentileMillis(50)),
					String.format(Locale.ROOT, "%.3f", percentileMillis(90)),
					String.format(Locale.ROOT, "%.3f", percentileMillis(99)),
					String.format(Locale.ROOT, "%.3f", percentileMillis(100)), Long.toString(this.non200),
					String.format(Locale.ROOT, "%.3f", serverCpuPerRequest()),
					String.format(Locale.ROOT, "%.3f", generatorCpuPerRequest()), this.loadBefore.replace(' ', ','),
					this.loadAfter.replace(' ', ','));
		}

	}

	private final String host;

	private final int port;

	private final long serverPid;

	LoadRun(String host, int port, long serverPid) {
		this.host = host;
		this.port = port;
		this.serverPid = serverPid;
	}

	Result run(String name, String label, int workers, int warmupSeconds, int seconds, Scenario scenario)
			throws InterruptedException {
		Recorder[] recorders = new Recorder[workers];
		Window window = new Window();
		CountDownLatch done = new CountDownLatch(workers);
		List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());
		for (int i = 0; i < workers; i++) {
			int worker = i;
			recorders[i] = new Recorder();
			Thread thread = new Thread(() -> {
				try (RawHttpClient client = new RawHttpClient(this.host, this.port)) {
					work(client, worker, scenario, window, recorders[worker], errors);
				}
				finally {
					done.countDown();
				}
			}, "bench-worker-" + i);
			thread.setDaemon(true);
			thread.start();
		}
		Thread.sleep(warmupSeconds * 1000L);
		String loadBefore = ProcessCpu.loadAverage();
		long serverCpuStart = ProcessCpu.millis(this.serverPid);
		long generatorCpuStart = ProcessCpu.self();
		long start = System.nanoTime();
		window.open(start);
		Thread.sleep(seconds * 1000L);
		long end = System.nanoTime();
		window.close(end);
		long serverCpuEnd = ProcessCpu.millis(this.serverPid);
		long generatorCpuEnd = ProcessCpu.self();
		String loadAfter = ProcessCpu.loadAverage();
		done.await();
		long requests = 0;
		long non200 = 0;
		int samples = 0;
		for (Recorder recorder : recorders) {
			requests += recorder.count;
			non200 += recorder.non200;
			samples += recorder.size;
		}
		long[] latencies = new long[samples];
		int at = 0;
		for (Recorder recorder : recorders) {
			System.arraycopy(recorder.latencies, 0, latencies, at, recorder.size);
			at += recorder.size;
		}
		Arrays.sort(latencies);
		long serverCpu = (serverCpuStart < 0 || serverCpuEnd < 0) ? -1 : serverCpuEnd - serverCpuStart;
		return new Result(name, label, workers, (end - start) / 1e9, requests, non200, latencies, serverCpu,
				generatorCpuEnd - generatorCpuStart, loadBefore, loadAfter, List.copyOf(errors));
	}

	private static void work(RawHttpClient client, int worker, Scenario scenario, Window window, Recorder recorder,
			List<String> errors) {
		while (!window.isClosed()) {
			long begin = System.nanoTime();
			int status;
			try {
				status = scenario.send(client, worker);
			}
			catch (ChainBrokenException ex) {
				recorder.non200 += window.contains(begin, System.nanoTime()) ? 1 : 0;
				errors.add("worker " + worker + ": " + ex.getMessage());
				return;
			}
			catch (Exception ex) {
				errors.add("worker " + worker + ": " + ex);
				client.close();
				status = -1;
			}
			long finish = System.nanoTime();
			if (window.contains(begin, finish)) {
				recorder.record(finish - begin, status == 200);
			}
		}
	}

	/** A refresh chain cannot go on: the answer was not a new refresh token. */
	static final class ChainBrokenException extends Exception {

		ChainBrokenException(String message) {
			super(message);
		}

	}

	private static final class Window {

		private volatile long start = Long.MAX_VALUE;

		private volatile long end = Long.MAX_VALUE;

		void open(long at) {
			this.start = at;
		}

		void close(long at) {
			this.end = at;
		}

		boolean isClosed() {
			return this.end != Long.MAX_VALUE;
		}

		boolean contains(long begin, long finish) {
			return begin >= this.start && finish <= this.end;
		}

	}

	/** One worker's samples; only its own thread writes it. */
	private static final class Recorder {

		long[] latencies = new long[1 << 14];

		int size;

		long count;

		long non200;

		void record(long nanos, boolean ok) {
			if (this.size == this.latencies.length) {
				this.latencies = Arrays.copyOf(this.latencies, this.size * 2);
			}
			this.latencies[this.size++] = nanos;
			this.count++;
			if (!ok) {
				this.non200++;
			}
		}

	}

}
