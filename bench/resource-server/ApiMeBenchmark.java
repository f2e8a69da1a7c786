import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load harness for the resource server: GET /api/me with a valid Baton access token against GET
 * /api/public/me-baseline, the unauthenticated twin that builds the same answer from a fixed token (it exists in the
 * resource server's {@code bench} profile, which {@code api-me.sh} activates). Same app, same
 * run, same machine; rounds take turns (me, baseline, control, me, ...) so drift on a shared machine hits all. The
 * control is the baseline request carrying the token's bytes in a header nobody reads: the same request size as
 * /api/me, so the difference to it is validation alone.
 * <p>
 * Closed loop: each of {@code concurrency} threads keeps one HTTP/1.1 keep-alive connection and sends the next
 * request when the previous answer has been read. Latency is per request, from the first byte written to the last
 * byte read. Run with {@code java ApiMeBenchmark.java --api URL --issuer URL [--concurrency N] [--duration S]
 * [--warmup S] [--rounds N]}; {@code bench/resource-server/api-me.sh} does it all.
 */
public class ApiMeBenchmark {

	public static void main(String[] args) throws Exception {
		Map<String, String> options = options(args);
		URI api = URI.create(options.getOrDefault("api", "http://127.0.0.1:8280"));
		String issuer = options.getOrDefault("issuer", "http://127.0.0.1:9200");
		int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "16"));
		int duration = Integer.parseInt(options.getOrDefault("duration", "20"));
		int warmup = Integer.parseInt(options.getOrDefault("warmup", "15"));
		int rounds = Integer.parseInt(options.getOrDefault("rounds", "2"));

		String token = clientCredentialsToken(issuer);
		Target me = new Target("GET /api/me (valid token)", api, "/api/me", "Authorization: Bearer " + token);
		Target baseline = new Target("GET /api/public/me-baseline (no token)", api, "/api/public/me-baseline", null);
		// The control for transport: the same bytes on the wire as /api/me, in a header nobody reads.
		Target padded = new Target("GET /api/public/me-baseline (padded)", api, "/api/public/me-baseline",
				"X-Padding: Bearer " + token);
		List<Target> targets = List.of(me, baseline, padded);
		for (Target target : targets) {
			target.check();
		}

		System.err.printf("warm-up: %d s per endpoint, %d connections%n", warmup, concurrency);
		for (Target target : targets) {
			run(target, concurrency, warmup);
		}

		Map<Target, List<Result>> results = new LinkedHashMap<>();
		for (int round = 1; round <= rounds; round++) {
			for (Target target : targets) {
				Result result = run(target, concurrency, duration);
				System.err.printf("round %d %-42s %9.0f req/s  p50 %6.2f ms  p99 %6.2f ms  errors %d%n", round,
						target.name, result.throughput(), result.percentileMillis(50), result.percentileMillis(99),
						result.errors);
				results.computeIfAbsent(target, (key) -> new ArrayList<>()).add(result);
			}
		}
		System.out.println(report(Result.merge(results.get(me)), Result.merge(results.get(baseline)),
				Result.merge(results.get(padded)), concurrency, duration, warmup, rounds, token,
				options.getOrDefault("note", "")));
	}

	/** A client-credentials token of demo-service (scope notes.read, audience http://localhost:8080). */
	private static String clientCredentialsToken(String issuer) throws Exception {
		String basic = Base64.getEncoder()
			.encodeToString("demo-service:demo-service-secret".getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
				.header("Authorization", "Basic " + basic)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=notes.read"))
				.build(), HttpResponse.BodyHandlers.ofString());
		Matcher matcher = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
		if (response.statusCode() != 200 || !matcher.find()) {
			throw new IllegalStateException("No token from " + issuer + ": " + response.statusCode());
		}
		return matcher.group(1);
	}

	private static Result run(Target target, int concurrency, int seconds) throws Exception {
		AtomicBoolean running = new AtomicBoolean(true);
		CountDownLatch started = new CountDownLatch(concurrency);
		List<Worker> workers = new ArrayList<>();
		for (int i = 0; i < concurrency; i++) {
			Worker worker = new Worker(target, running, started);
			workers.add(worker);
			worker.start();
		}
		started.await();
		long begin = System.nanoTime();
		Thread.sleep(seconds * 1000L);
		running.set(false);
		long elapsed = System.nanoTime() - begin;
		for (Worker worker : workers) {
			worker.join();
		}
		return Result.of(workers, elapsed);
	}

	private static String report(Result me, Result baseline, Result padded, int concurrency, int duration,
			int warmup, int rounds, String token, String note) throws IOException {
		double ratio = me.throughput() / baseline.throughput();
		StringBuilder out = new StringBuilder();
		out.append("| endpoint | requests/s | p50 (ms) | p99 (ms) | requests | errors |\n");
		out.append("|---|---:|---:|---:|---:|---:|\n");
		out.append(row("`GET /api/me` (valid RS256 token)", me));
		out.append(row("`GET /api/public/me-baseline` (no token, same work)", baseline));
		out.append(row("`GET /api/public/me-baseline` + the token's bytes in an unread header (control)", padded));
		out.append(String.format("%nValidation keeps **%.1f%%** of the unauthenticated throughput (target: at least 85%%); "
				+ "%.1f%% against the control with the same request size.%n", ratio * 100,
				me.throughput() / padded.throughput() * 100));
		out.append(String.format("%nSettings: %d keep-alive connections, %d s warm-up per endpoint, %d rounds of %d s per "
				+ "endpoint, in turn. Token header: `%s`.%n", concurrency, warmup, rounds, duration,
				new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8)));
		if (!note.isEmpty()) {
			out.append(note).append(".\n");
		}
		out.append(String.format("Machine: %d cores, %s, %s %s (%s), %s %s.%n", Runtime.getRuntime().availableProcessors(),
				cpuModel(), System.getProperty("java.vm.name"), System.getProperty("java.version"),
				System.getProperty("java.vendor"), System.getProperty("os.name"), System.getProperty("os.arch")));
		return out.toString();
	}

	private static String row(String name, Result result) {
		return String.format("| %s | %.0f | %.2f | %.2f | %d | %d |%n", name, result.throughput(),
				result.percentileMillis(50), result.percentileMillis(99), result.count, result.errors);
	}

	private static String cpuModel() throws IOException {
		Path cpuinfo = Path.of("/proc/cpuinfo");
		if (Files.isReadable(cpuinfo)) {
			for (String line : Files.readAllLines(cpuinfo)) {
				if (line.startsWith("model name")) {
					return line.substring(line.indexOf(':') + 1).trim();
				}
			}
		}
		return System.getProperty("os.arch");
	}

	private static Map<String, String> options(String[] args) {
		Map<String, String> options = new LinkedHashMap<>();
		for (int i = 0; i + 1 < args.length; i += 2) {
			options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
		}
		return options;
	}

	/** One endpoint and the raw request bytes that call it. */
	static final class Target {

		final String name;

		final URI api;

		final byte[] request;

		Target(String name, URI api, String path, String extraHeader) {
			this.name = name;
			this.api = api;
			String request = "GET " + path + " HTTP/1.1\r\nHost: " + api.getHost() + ":" + api.getPort()
					+ "\r\nAccept: application/json\r\n" + ((extraHeader != null) ? extraHeader + "\r\n" : "")
					+ "\r\n";
			this.request = request.getBytes(StandardCharsets.US_ASCII);
		}

		void check() throws IOException {
			try (Connection connection = new Connection(this.api)) {
				int status = connection.exchange(this.request);
				if (status != 200) {
					throw new IllegalStateException(this.name + " answered " + status);
				}
			}
		}

	}

	/** One closed-loop client thread with its own keep-alive connection. */
	static final class Worker extends Thread {

		private final Target target;

		private final AtomicBoolean running;

		private final CountDownLatch started;

		long[] latencies = new long[1 << 16];

		int count;

		int errors;

		Worker(Target target, AtomicBoolean running, CountDownLatch started) {
			this.target = target;
			this.running = running;
			this.started = started;
			setDaemon(true);
		}

		@Override
		public void run() {
			Connection connection = null;
			this.started.countDown();
			while (this.running.get()) {
				try {
					if (connection == null) {
						connection = new Connection(this.target.api);
					}
					long begin = System.nanoTime();
					int status = connection.exchange(this.target.request);
					long latency = System.nanoTime() - begin;
					if (status == 200) {
						record(latency);
					}
					else {
						this.errors++;
					}
					if (connection.closedByServer()) {
						closeQuietly(connection);
						connection = null;
					}
				}
				catch (IOException ex) {
					this.errors++;
					closeQuietly(connection);
					connection = null;
				}
			}
			closeQuietly(connection);
		}

		private void record(long latency) {
			if (this.count == this.latencies.length) {
				this.latencies = Arrays.copyOf(this.latencies, this.latencies.length * 2);
			}
			this.latencies[this.count++] = latency;
		}

		private static void closeQuietly(Connection connection) {
			if (connection != null) {
				try {
					connection.close();
				}
				catch (IOException ex) {
					// closing anyway
				}
			}
		}

	}

	/** A minimal HTTP/1.1 keep-alive connection: enough to read Content-Length and chunked answers. */
	static final class Connection implements AutoCloseable {

		private final Socket socket;

		private final OutputStream out;

		private final InputStream in;

		private boolean closedByServer;

		Connection(URI api) throws IOException {
			this.socket = new Socket();
			this.socket.setTcpNoDelay(true);
			this.socket.connect(new InetSocketAddress(api.getHost(), api.getPort()), 5000);
			this.socket.setSoTimeout(30000);
			this.out = this.socket.getOutputStream();
			this.in = new BufferedInputStream(this.socket.getInputStream(), 16 * 1024);
		}

		int exchange(byte[] request) throws IOException {
			this.out.write(request);
			this.out.flush();
			String statusLine = readLine();
			int status = Integer.parseInt(statusLine.substring(9, 12));
			long contentLength = -1;
			boolean chunked = false;
			boolean close = false;
			for (String line = readLine(); !line.isEmpty(); line = readLine()) {
				String lower = line.toLowerCase();
				if (lower.startsWith("content-length:")) {
					contentLength = Long.parseLong(line.substring(15).trim());
				}
				else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
					chunked = true;
				}
				else if (lower.startsWith("connection:") && lower.contains("close")) {
					close = true;
				}
			}
			if (chunked) {
				for (long size = Long.parseLong(readLine().trim(), 16); size > 0; size = Long.parseLong(readLine().trim(), 16)) {
					skip(size);
					readLine();
				}
				readLine();
			}
			else if (contentLength > 0) {
				skip(contentLength);
			}
			this.closedByServer = close;
			return status;
		}

		boolean closedByServer() {
			return this.closedByServer;
		}

		private void skip(long bytes) throws IOException {
			long left = bytes;
			while (left > 0) {
				long skipped = this.in.skip(left);
				if (skipped <= 0) {
					if (this.in.read() < 0) {
						throw new IOException("connection closed");
					}
					skipped = 1;
				}
				left -= skipped;
			}
		}

		private String readLine() throws IOException {
			StringBuilder line = new StringBuilder();
			int c;
			while ((c = this.in.read()) != '\n') {
				if (c < 0) {
					throw new IOException("connection closed");
				}
				if (c != '\r') {
					line.append((char) c);
				}
			}
			return line.toString();
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

	/** Counts and latencies of one or more runs. */
	static final class Result {

		final long[] latencies;

		final int count;

		final int errors;

		final long elapsedNanos;

		Result(long[] latencies, int count, int errors, long elapsedNanos) {
			this.latencies = latencies;
			this.count = count;
			this.errors = errors;
			this.elapsedNanos = elapsedNanos;
		}

		static Result of(List<Worker> workers, long elapsedNanos) {
			int count = workers.stream().mapToInt((worker) -> worker.count).sum();
			long[] all = new long[count];
			int offset = 0;
			for (Worker worker : workers) {
				System.arraycopy(worker.latencies, 0, all, offset, worker.count);
				offset += worker.count;
			}
			Arrays.sort(all);
			return new Result(all, count, workers.stream().mapToInt((worker) -> worker.errors).sum(), elapsedNanos);
		}

		static Result merge(List<Result> results) {
			int count = results.stream().mapToInt((result) -> result.count).sum();
			long[] all = new long[count];
			int offset = 0;
			for (Result result : results) {
				System.arraycopy(result.latencies, 0, all, offset, result.count);
				offset += result.count;
			}
			Arrays.sort(all);
			return new Result(all, count, results.stream().mapToInt((result) -> result.errors).sum(),
					results.stream().mapToLong((result) -> result.elapsedNanos).sum());
		}

		double throughput() {
			return this.count / (this.elapsedNanos / 1e9);
		}

		double percentileMillis(int percentile) {
			if (this.count == 0) {
				return Double.NaN;
			}
			int index = (int) Math.ceil(percentile / 100.0 * this.count) - 1;
			return this.latencies[Math.max(0, index)] / 1e6;
		}

	}

}
