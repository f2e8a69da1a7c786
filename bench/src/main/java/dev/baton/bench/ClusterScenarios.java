package dev.baton.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The multi-node scenarios of the cluster harness (bench/cluster/run.sh), against two or
 * more Baton nodes on one database (one MariaDB, or members of one Galera cluster). Each
 * prints a report and exits non-zero when its target is missed: <pre>
 * replays   --nodes URL,URL --races 100 --parallel 10 --client strict|grace [--jdbc URL]
 *           each race: one fresh family, PARALLEL identical refreshes released at once, split across the nodes;
 *           target: no 5xx, exactly one winner (strict) or the same successor for all (grace)
 * alternate --nodes URL,URL --chains 10 --refreshes 10000
 *           chains of refreshes, each link on the next node; target: no stale refusal (a valid token refused),
 *           no 5xx
 * load      --nodes URL,URL --chains 16 --duration 30 [--jdbc URL]
 *           half strict, half grace chains; a chain whose node fails (connection refused, 503) retries the same
 *           token on the next node, as a client behind a load balancer does; reports 5xx, families lost
 * outage    --node URL --db-pid PID --requests 10 --tokens FILE
 *           kills the database (SIGKILL) and times each protocol endpoint; target: every answer within 2 s,
 *           503 temporarily_unavailable with Retry-After on the token, revocation, introspection and UserInfo
 *           endpoints, 200 for JWKS and discovery
 * recover   --node URL --tokens FILE [--timeout 60]
 *           after the database is back: the saved refresh token works again (and how long that took)
 * </pre>
 */
final class ClusterScenarios {

	private static final String STRICT_CLIENT = "demo-web";

	private static final String GRACE_CLIENT = "demo-mobile";

	private static final String STRICT_AUTHORIZATION = Seeder.basic(STRICT_CLIENT, "demo-web-secret");

	private ClusterScenarios() {
	}

	static int run(String command, Map<String, String> options) throws Exception {
		return switch (command) {
			case "replays" -> replays(options);
			case "alternate" -> alternate(options);
			case "load" -> load(options);
			case "outage" -> outage(options);
			case "recover" -> recover(options);
			default -> throw new IllegalArgumentException("unknown scenario " + command);
		};
	}

	// ---------------------------------------------------------------- replays

	private static int replays(Map<String, String> options) throws Exception {
		List<URI> nodes = nodes(options);
		int races = intOption(options, "races", 100);
		int parallel = intOption(options, "parallel", 10);
		boolean strict = !"grace".equals(options.getOrDefault("client", "strict"));
		List<String> tokens = seed(nodes.get(0), races, strict);
		ExecutorService pool = Executors.newFixedThreadPool(parallel);
		Map<Integer, Integer> winnersPerRace = new TreeMap<>();
		long fiveXx = 0;
		long otherErrors = 0;
		int racesMissed = 0;
		int graceFamiliesLost = 0;
		List<String> samples = new ArrayList<>();
		try {
			for (int race = 0; race < races; race++) {
				String token = tokens.get(race);
				CyclicBarrier start = new CyclicBarrier(parallel);
				List<Future<Answer>> futures = new ArrayList<>();
				for (int i = 0; i < parallel; i++) {
					URI node = nodes.get(i % nodes.size());
					futures.add(pool.submit(() -> {
						start.await(30, TimeUnit.SECONDS);
						return refresh(node, strict, token);
					}));
				}
				List<Answer> answers = new ArrayList<>();
				for (Future<Answer> future : futures) {
					answers.add(future.get(120, TimeUnit.SECONDS));
				}
				int winners = (int) answers.stream().filter((a) -> a.status() == 200).count();
				winnersPerRace.merge(winners, 1, Integer::sum);
				fiveXx += answers.stream().filter((a) -> a.status() >= 500).count();
				otherErrors += answers.stream().filter((a) -> a.status() < 0).count();
				Set<String> successors = new HashSet<>();
				answers.stream().filter((a) -> a.status() == 200).forEach((a) -> successors.add(a.refreshToken()));
				boolean ok = strict
						? winners == 1 && answers.stream()
							.allMatch((a) -> a.status() == 200
									|| (a.status() == 400 && a.body().contains("invalid_grant")))
						: winners == parallel && successors.size() == 1;
				if (!strict && successors.size() == 1) {
					// The family goes on: its successor refreshes, on the other node.
					Answer next = refresh(nodes.get(nodes.size() - 1), false, successors.iterator().next());
					if (next.status() != 200) {
						graceFamiliesLost++;
					}
				}
				if (!ok) {
					racesMissed++;
					if (samples.size() < 5) {
						samples.add("race " + race + ": " + summary(answers));
					}
				}
			}
		}
		finally {
			pool.shutdownNow();
		}
		long twoLive = twoLiveTokens(options);
		System.out.printf(Locale.ROOT,
				"replays (%s client, %d races x %d parallel over %d nodes): winners per race %s; races missing "
						+ "the target %d; 5xx %d; transport errors %d; families lost %s; families with two live "
						+ "tokens %s%n",
				strict ? "strict" : "grace", races, parallel, nodes.size(), winnersPerRace, racesMissed, fiveXx,
				otherErrors, strict ? "n/a (every race is a replay: revoked by design)" : graceFamiliesLost,
				(twoLive < 0) ? "not checked" : twoLive);
		samples.forEach((sample) -> System.out.println("  " + sample));
		boolean pass = racesMissed == 0 && fiveXx == 0 && otherErrors == 0 && graceFamiliesLost == 0 && twoLive <= 0;
		System.out.println(pass ? "PASS" : "FAIL");
		return pass ? 0 : 1;
	}

	// ---------------------------------------------------------------- alternate

	private static int alternate(Map<String, String> options) throws Exception {
		List<URI> nodes = nodes(options);
		int chains = intOption(options, "chains", 10);
		int refreshes = intOption(options, "refreshes", 10_000);
		List<String> tokens = seed(nodes.get(0), chains, true);
		AtomicLong done = new AtomicLong();
		AtomicLong stale = new AtomicLong();
		AtomicLong fiveXx = new AtomicLong();
		AtomicLong transport = new AtomicLong();
		AtomicLongArray lost = new AtomicLongArray(chains);
		long[] latencies = new long[refreshes + chains];
		AtomicLong latencyIndex = new AtomicLong();
		int perChain = (refreshes + chains - 1) / chains;
		ExecutorService pool = Executors.newFixedThreadPool(chains);
		long started = System.nanoTime();
		List<Future<?>> futures = new ArrayList<>();
		for (int c = 0; c < chains; c++) {
			int chain = c;
			futures.add(pool.submit(() -> {
				String token = tokens.get(chain);
				for (int k = 0; k < perChain; k++) {
					URI node = nodes.get((chain + k) % nodes.size());
					long t0 = System.nanoTime();
					Answer answer = refresh(node, true, token);
					long index = latencyIndex.getAndIncrement();
					if (index < latencies.length) {
						latencies[(int) index] = System.nanoTime() - t0;
					}
					done.incrementAndGet();
					if (answer.status() == 200) {
						token = answer.refreshToken();
						continue;
					}
					if (answer.status() == 400) {
						// The token was issued by the previous link: refusing it is a
						// stale read.
						stale.incrementAndGet();
					}
					else if (answer.status() >= 500) {
						fiveXx.incrementAndGet();
					}
					else {
						transport.incrementAndGet();
					}
					Answer again = refresh(node, true, token);
					if (again.status() != 200) {
						lost.set(chain, 1);
						return null;
					}
					token = again.refreshToken();
				}
				return null;
			}));
		}
		for (Future<?> future : futures) {
			future.get();
		}
		pool.shutdown();
		double seconds = (System.nanoTime() - started) / 1e9;
		long[] measured = Arrays.copyOf(latencies, (int) Math.min(latencyIndex.get(), latencies.length));
		Arrays.sort(measured);
		long familiesLost = 0;
		for (int c = 0; c < chains; c++) {
			familiesLost += lost.get(c);
		}
		System.out.printf(Locale.ROOT,
				"alternate (%d chains over %d nodes, each link on the next node): %d refreshes in %.1f s "
						+ "(%.0f/s, p50 %.1f ms, p99 %.1f ms); stale refusals %d; 5xx %d; transport errors %d; "
						+ "families lost %d%n",
				chains, nodes.size(), done.get(), seconds, done.get() / seconds, percentile(measured, 50),
				percentile(measured, 99), stale.get(), fiveXx.get(), transport.get(), familiesLost);
		boolean pass = stale.get() == 0 && fiveXx.get() == 0 && transport.get() == 0 && familiesLost == 0;
		System.out.println(pass ? "PASS" : "FAIL");
		return pass ? 0 : 1;
	}

	// ---------------------------------------------------------------- load with failover

	private static int load(Map<String, String> options) throws Exception {
		List<URI> nodes = nodes(options);
		int chains = intOption(options, "chains", 16);
		int duration = intOption(options, "duration", 30);
		List<String> strictTokens = seed(nodes.get(0), chains / 2, true);
		List<String> graceTokens = seed(nodes.get(0), chains - chains / 2, false);
		AtomicLong ok = new AtomicLong();
		AtomicLong unavailable = new AtomicLong();
		AtomicLong otherFiveXx = new AtomicLong();
		AtomicLong transport = new AtomicLong();
		AtomicLong lostStrict = new AtomicLong();
		AtomicLong lostGrace = new AtomicLong();
		AtomicLong maxMillis = new AtomicLong();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(duration);
		ExecutorService pool = Executors.newFixedThreadPool(chains);
		List<Future<?>> futures = new ArrayList<>();
		for (int c = 0; c < chains; c++) {
			int chain = c;
			boolean strict = chain < chains / 2;
			futures.add(pool.submit(() -> {
				String token = strict ? strictTokens.get(chain) : graceTokens.get(chain - chains / 2);
				int node = chain % nodes.size();
				while (System.nanoTime() < deadline) {
					long t0 = System.nanoTime();
					Answer answer = refresh(nodes.get(node), strict, token);
					maxMillis.accumulateAndGet((System.nanoTime() - t0) / 1_000_000, Math::max);
					if (answer.status() == 200) {
						ok.incrementAndGet();
						token = answer.refreshToken();
						continue;
					}
					if (answer.status() == 400 || answer.status() == 401) {
						(strict ? lostStrict : lostGrace).incrementAndGet();
						System.out.printf("  family lost (%s chain %d): %s%n", strict ? "strict" : "grace", chain,
								answer.body());
						return null;
					}
					if (answer.status() == 503) {
						unavailable.incrementAndGet();
					}
					else if (answer.status() >= 500) {
						otherFiveXx.incrementAndGet();
					}
					else if (transport.incrementAndGet() <= 3) {
						System.out.printf("  transport error on %s: %s%n", nodes.get(node), answer.body());
					}
					// The load balancer's part: the same token, on the next node, after
					// the pause a careful client
					// makes (Answer.retryPauseMillis).
					node = (node + 1) % nodes.size();
					sleep(answer.retryPauseMillis());
				}
				return null;
			}));
		}
		for (Future<?> future : futures) {
			future.get();
		}
		pool.shutdown();
		long twoLive = twoLiveTokens(options);
		System.out.printf(Locale.ROOT,
				"load (%d chains, half strict / half grace, %d s over %d nodes, failover to the next node): %d "
						+ "refreshes; 503 temporarily_unavailable %d; other 5xx %d; transport errors (node down) %d; "
						+ "slowest answer %d ms; families lost: strict %d, grace %d; families with two live tokens %s%n",
				chains, duration, nodes.size(), ok.get(), unavailable.get(), otherFiveXx.get(), transport.get(),
				maxMillis.get(), lostStrict.get(), lostGrace.get(), (twoLive < 0) ? "not checked" : twoLive);
		boolean pass = otherFiveXx.get() == 0 && twoLive <= 0 && lostGrace.get() == 0 && lostStrict.get() == 0;
		System.out.println(pass ? "PASS" : "FAIL");
		return pass ? 0 : 1;
	}

	// ---------------------------------------------------------------- outage

	private static int outage(Map<String, String> options) throws Exception {
		URI node = URI.create(options.get("node"));
		int requests = intOption(options, "requests", 10);
		List<String> strictTokens = seed(node, 1, true);
		List<String> graceTokens = seed(node, 1, false);
		Answer rotated = refresh(node, true, strictTokens.get(0));
		String accessToken = Json.stringField(rotated.body(), "access_token");
		String refreshToken = rotated.refreshToken();
		Files.write(Path.of(options.get("tokens")), List.of(refreshToken));
		long pid = Long.parseLong(options.get("db-pid"));
		ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
		ProcessHandle.of(pid).ifPresent((process) -> process.onExit().join());
		System.out.printf("outage: database (pid %d) killed; %d requests per endpoint on %s%n", pid, requests, node);
		System.out.printf("  %-34s %-40s %8s %8s%n", "endpoint", "answers", "p50 ms", "max ms");
		boolean pass = true;
		pass &= endpoint(node, "POST /oauth2/token (refresh, strict)", requests, true, (client) -> client
			.post("/oauth2/token", STRICT_AUTHORIZATION, "grant_type=refresh_token&refresh_token=" + refreshToken));
		pass &= endpoint(node, "POST /oauth2/token (refresh, public)", requests, true,
				(client) -> client.post("/oauth2/token", null,
						"grant_type=refresh_token&client_id=" + GRACE_CLIENT + "&refresh_token=" + graceTokens.get(0)));
		pass &= endpoint(node, "POST /oauth2/token (client_creds)", requests, true,
				(client) -> client.post("/oauth2/token", Seeder.basic("demo-service", "demo-service-secret"),
						"grant_type=client_credentials&scope=notes.read"));
		pass &= endpoint(node, "POST /oauth2/revoke", requests, true,
				(client) -> client.post("/oauth2/revoke", STRICT_AUTHORIZATION, "token=" + refreshToken));
		pass &= endpoint(node, "POST /oauth2/introspect", requests, true,
				(client) -> client.post("/oauth2/introspect", STRICT_AUTHORIZATION, "token=" + accessToken));
		pass &= endpoint(node, "GET /userinfo", requests, true,
				(client) -> client.get("/userinfo", "Bearer " + accessToken));
		pass &= endpoint(node, "GET /oauth2/jwks", requests, false, (client) -> client.get("/oauth2/jwks", null));
		pass &= endpoint(node, "GET /.well-known/openid-configuration", requests, false,
				(client) -> client.get("/.well-known/openid-configuration", null));
		endpoint(node, "GET /actuator/health/readiness", requests, false,
				(client) -> client.get("/actuator/health/readiness", null));
		endpoint(node, "GET /login", requests, false, (client) -> client.get("/login", null));
		System.out.println(pass ? "PASS" : "FAIL");
		return pass ? 0 : 1;
	}

	interface Call {

		RawHttpClient.Response send(RawHttpClient client) throws IOException;

	}

	/**
	 * Times one endpoint; checks the answer (503 temporarily_unavailable + Retry-After,
	 * or 200) and the 2 s bound.
	 */
	private static boolean endpoint(URI node, String name, int requests, boolean expectUnavailable, Call call) {
		Map<String, Integer> answers = new TreeMap<>();
		long[] latencies = new long[requests];
		boolean pass = true;
		for (int i = 0; i < requests; i++) {
			try (RawHttpClient client = new RawHttpClient(node.getHost(), node.getPort())) {
				long t0 = System.nanoTime();
				RawHttpClient.Response response = call.send(client);
				latencies[i] = System.nanoTime() - t0;
				boolean unavailable = response.status() == 503 && response.body().contains("temporarily_unavailable")
						&& response.retryAfter() != null;
				String kind = (unavailable ? "503 temporarily_unavailable" : Integer.toString(response.status()))
						+ ((response.retryAfter() != null) ? " Retry-After " + response.retryAfter() : "");
				answers.merge(kind, 1, Integer::sum);
				pass &= expectUnavailable ? unavailable : response.status() == 200;
			}
			catch (IOException ex) {
				answers.merge(ex.getClass().getSimpleName(), 1, Integer::sum);
				pass = false;
			}
		}
		Arrays.sort(latencies);
		double max = latencies[latencies.length - 1] / 1e6;
		pass &= max <= 2000;
		System.out.printf(Locale.ROOT, "  %-34s %-40s %8.1f %8.1f%s%n", name, answers, percentile(latencies, 50), max,
				(max > 2000) ? "  > 2 s" : "");
		return pass;
	}

	private static int recover(Map<String, String> options) throws Exception {
		URI node = URI.create(options.get("node"));
		String token = Files.readAllLines(Path.of(options.get("tokens"))).get(0);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(intOption(options, "timeout", 60));
		long started = System.nanoTime();
		int attempts = 0;
		Answer answer;
		do {
			attempts++;
			answer = refresh(node, true, token);
			if (answer.status() == 503 || answer.status() < 0) {
				sleep(250);
			}
		}
		while ((answer.status() == 503 || answer.status() < 0) && System.nanoTime() < deadline);
		System.out.printf(Locale.ROOT,
				"recover: the refresh token saved before the outage answered %d after %.1f s " + "(%d attempts)%n",
				answer.status(), (System.nanoTime() - started) / 1e9, attempts);
		boolean pass = answer.status() == 200;
		System.out.println(pass ? "PASS" : "FAIL");
		return pass ? 0 : 1;
	}

	// ---------------------------------------------------------------- helpers

	/**
	 * @param retryAfter the {@code Retry-After} header of a 503, or {@code null}
	 * @param reachedServer false when the connection was refused: the request never
	 * reached a node, so its outcome is known (nothing happened)
	 */
	record Answer(int status, String body, String refreshToken, String retryAfter, boolean reachedServer) {

		Answer(int status, String body, String refreshToken) {
			this(status, body, refreshToken, null, true);
		}

		/**
		 * How long a careful client waits before presenting the same refresh token again:
		 * a refused connection changed nothing (retry at once on the next node); a 503
		 * says when ({@code Retry-After}); any other failure (a connection reset or a
		 * timeout after the request was sent) leaves the outcome unknown, so the retry
		 * waits longer than {@code baton.refresh.recovery-delay} (2 s), after which an
		 * unconfirmed rotation is recovered rather than taken for reuse (docs/DESIGN.md
		 * rule 7).
		 */
		long retryPauseMillis() {
			if (!this.reachedServer) {
				return 100;
			}
			if (this.status == 503 && this.retryAfter != null) {
				try {
					return Math.min(Long.parseLong(this.retryAfter.trim()), 10) * 1000;
				}
				catch (NumberFormatException ex) {
					return 2500;
				}
			}
			return 2500;
		}

	}

	/**
	 * One refresh on a fresh connection (as parallel clients would); status -1 for a
	 * transport error.
	 */
	private static Answer refresh(URI node, boolean strict, String token) {
		try (RawHttpClient client = new RawHttpClient(node.getHost(), node.getPort())) {
			RawHttpClient.Response response = strict
					? client.post("/oauth2/token", STRICT_AUTHORIZATION,
							"grant_type=refresh_token&refresh_token=" + token)
					: client.post("/oauth2/token", null,
							"grant_type=refresh_token&client_id=" + GRACE_CLIENT + "&refresh_token=" + token);
			return new Answer(response.status(), response.body(),
					(response.status() == 200) ? Json.stringField(response.body(), "refresh_token") : null,
					response.retryAfter(), true);
		}
		catch (java.net.ConnectException ex) {
			return new Answer(-1, ex.toString(), null, null, false);
		}
		catch (IOException ex) {
			return new Answer(-1, ex.toString(), null);
		}
	}

	private static List<String> seed(URI node, int families, boolean strict) throws Exception {
		return new Seeder(node.toString()).seed(families, strict ? STRICT_CLIENT : GRACE_CLIENT,
				strict ? "demo-web-secret" : null, "alice", "alice-demo-password");
	}

	private static String summary(List<Answer> answers) {
		Map<String, Integer> counts = new TreeMap<>();
		for (Answer answer : answers) {
			String body = answer.body();
			String error = (answer.status() == 200) ? "" : " " + ((body.length() > 60) ? body.substring(0, 60) : body);
			counts.merge(answer.status() + error, 1, Integer::sum);
		}
		return counts.toString();
	}

	/**
	 * Families of the run with more than one live refresh token, or -1 without
	 * {@code --jdbc}.
	 */
	private static long twoLiveTokens(Map<String, String> options) throws Exception {
		String jdbc = options.get("jdbc");
		if (jdbc == null) {
			return -1;
		}
		try (Connection connection = DriverManager.getConnection(jdbc, options.getOrDefault("user", "root"),
				options.getOrDefault("password", ""))) {
			return StoreCheck.check(connection);
		}
	}

	private static List<URI> nodes(Map<String, String> options) {
		return Arrays.stream(options.get("nodes").split(",")).map(String::trim).map(URI::create).toList();
	}

	private static int intOption(Map<String, String> options, String name, int defaultValue) {
		return Integer.parseInt(options.getOrDefault(name, Integer.toString(defaultValue)));
	}

	private static double percentile(long[] sorted, double p) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
