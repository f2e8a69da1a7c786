package dev.baton.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Baton's load harness. Subcommands (all options {@code --name value}): <pre>
 * seed               --base URL --families N --out FILE [--client demo-web --secret demo-web-secret]
 * refresh            --base URL --pid SERVER_PID --tokens FILE --workers 4,16 [--warmup 5 --duration 20
 *                    --label L --results FILE --client demo-web --secret demo-web-secret]
 * client-credentials --base URL --pid SERVER_PID --workers 4,16 [same options, client demo-service]
 * bulk               --jdbc URL [--user root --password ''] --from 1 --to 1000000
 * check              --jdbc URL [--user root --password '']
 * replays | alternate | load | outage | recover   the multi-node scenarios, see {@link ClusterScenarios}
 * </pre>
 */
public final class Bench {

	private Bench() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length == 0) {
			System.err.println(
					"usage: seed | refresh | client-credentials | bulk | check | signing | replays | alternate | load | outage "
							+ "| recover [--option value ...]");
			System.exit(2);
		}
		Map<String, String> options = options(args);
		switch (args[0]) {
			case "seed" -> seed(options);
			case "refresh", "client-credentials" -> load(args[0], options);
			case "bulk" -> bulk(options);
			case "signing" -> SigningBenchmark.run();
			case "check" -> System.exit(check(options) == 0 ? 0 : 1);
			case "replays", "alternate", "load", "outage", "recover" ->
				System.exit(ClusterScenarios.run(args[0], options));
			default -> {
				System.err.println("unknown command " + args[0]);
				System.exit(2);
			}
		}
	}

	private static void seed(Map<String, String> options) throws Exception {
		long start = System.nanoTime();
		int families = Integer.parseInt(options.getOrDefault("families", "16"));
		List<String> tokens = new Seeder(options.get("base")).seed(families, options.getOrDefault("client", "demo-web"),
				options.getOrDefault("secret", "demo-web-secret"), options.getOrDefault("username", "alice"),
				options.getOrDefault("password", "alice-demo-password"));
		Files.write(Path.of(options.get("out")), tokens);
		System.out.printf("seeded %d families through the authorization-code flow in %.1f s%n", tokens.size(),
				(System.nanoTime() - start) / 1e9);
	}

	private static void load(String scenarioName, Map<String, String> options) throws Exception {
		URI base = URI.create(options.get("base"));
		long pid = Long.parseLong(options.getOrDefault("pid", "-1"));
		int warmup = Integer.parseInt(options.getOrDefault("warmup", "5"));
		int duration = Integer.parseInt(options.getOrDefault("duration", "20"));
		String label = options.getOrDefault("label", "-");
		LoadRun run = new LoadRun(base.getHost(), base.getPort(), pid);
		List<LoadRun.Result> results = new ArrayList<>();
		for (String w : options.getOrDefault("workers", "4,16").split(",")) {
			int workers = Integer.parseInt(w.trim());
			LoadRun.Result result;
			if (scenarioName.equals("refresh")) {
				Path tokenFile = Path.of(options.get("tokens"));
				String[] tokens = Files.readAllLines(tokenFile).toArray(String[]::new);
				if (tokens.length < workers) {
					throw new IllegalArgumentException(workers + " workers need " + workers + " seeded families");
				}
				String authorization = Seeder.basic(options.getOrDefault("client", "demo-web"),
						options.getOrDefault("secret", "demo-web-secret"));
				result = run.run("refresh", label, workers, warmup, duration,
						(client, worker) -> refresh(client, authorization, tokens, worker));
				Files.write(tokenFile, List.of(tokens));
			}
			else {
				String authorization = Seeder.basic(options.getOrDefault("client", "demo-service"),
						options.getOrDefault("secret", "demo-service-secret"));
				result = run.run("client-credentials", label, workers, warmup, duration,
						(client, worker) -> client
							.post("/oauth2/token", authorization, "grant_type=client_credentials&scope=notes.read")
							.status());
			}
			results.add(result);
			result.errors().stream().limit(5).forEach((error) -> System.err.println("  error: " + error));
		}
		System.out.println(LoadRun.Result.header());
		results.forEach((result) -> System.out.println(result.row()));
		String resultsFile = options.get("results");
		if (resultsFile != null) {
			Files.write(Path.of(resultsFile), results.stream().map(LoadRun.Result::tsv).toList(),
					StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		boolean strict = Boolean.parseBoolean(options.getOrDefault("strict", "false"));
		if (strict && results.stream().anyMatch((result) -> result.non200() > 0 || result.requests() == 0)) {
			System.err.println("strict: a run had non-200 answers or no answers at all");
			System.exit(1);
		}
	}

	/**
	 * One link of the relay: present the newest token, keep the successor from the
	 * response.
	 */
	private static int refresh(RawHttpClient client, String authorization, String[] tokens, int worker)
			throws Exception {
		RawHttpClient.Response response = client.post("/oauth2/token", authorization,
				"grant_type=refresh_token&refresh_token=" + tokens[worker]);
		String successor = (response.status() == 200) ? Json.stringField(response.body(), "refresh_token") : null;
		if (successor == null) {
			throw new LoadRun.ChainBrokenException(response.status() + " " + response.body());
		}
		tokens[worker] = successor;
		return response.status();
	}

	private static void bulk(Map<String, String> options) throws Exception {
		long from = Long.parseLong(options.getOrDefault("from", "1"));
		long to = Long.parseLong(options.get("to"));
		long start = System.nanoTime();
		try (Connection connection = connect(options)) {
			long rows = new BulkLoader(connection).load(from, to, options.getOrDefault("client", "demo-web"));
			System.out.printf("bulk: families %d..%d, %d rows in %.1f s%n", from, to, rows,
					(System.nanoTime() - start) / 1e9);
		}
	}

	private static long check(Map<String, String> options) throws Exception {
		try (Connection connection = connect(options)) {
			return StoreCheck.check(connection);
		}
	}

	private static Connection connect(Map<String, String> options) throws Exception {
		return DriverManager.getConnection(options.get("jdbc"), options.getOrDefault("user", "root"),
				options.getOrDefault("password", ""));
	}

	private static Map<String, String> options(String[] args) {
		Map<String, String> options = new HashMap<>();
		for (int i = 1; i + 1 < args.length; i += 2) {
			if (!args[i].startsWith("--")) {
				throw new IllegalArgumentException("expected --option, got " + args[i]);
			}
			options.put(args[i].substring(2), args[i + 1]);
		}
		return options;
	}

}
