package dev.baton.auth.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A MariaDB server of the test's own, to kill and restart: its own datadir under a
 * temporary directory, its own port (chosen free at start), bound to 127.0.0.1, started
 * from the {@code mariadbd} installed with the server and stopped by its process, never
 * by name. The shared server on 3306 is never touched. Without grant tables: any user may
 * connect, with any password.
 */
public final class PrivateMariaDb implements AutoCloseable {

	private static final List<String> SEARCH_PATH = List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin",
			"/usr/local/bin", "/usr/local/mysql/bin");

	private final Path directory;

	private final int port;

	private Process process;

	private PrivateMariaDb(Path directory, int port) {
		this.directory = directory;
		this.port = port;
	}

	/** Whether {@code mariadbd} and {@code mariadb-install-db} are installed. */
	public static boolean isInstalled() {
		return binary("mariadbd").isPresent() && binary("mariadb-install-db").isPresent();
	}

	/** Initialises a datadir and starts the server on a free port of 127.0.0.1. */
	public static PrivateMariaDb start() {
		try {
			Path directory = Files.createTempDirectory("baton-mariadb-");
			run(List.of(binary("mariadb-install-db").orElseThrow().toString(), "--no-defaults",
					"--datadir=" + directory.resolve("data"), "--user=" + System.getProperty("user.name"),
					"--auth-root-authentication-method=normal", "--skip-test-db"), directory.resolve("install.log"));
			PrivateMariaDb server = new PrivateMariaDb(directory, freePort());
			// A test JVM that dies must not leave the server running.
			Runtime.getRuntime().addShutdownHook(new Thread(server::kill));
			server.restart();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public int port() {
		return this.port;
	}

	/** A JDBC URL of a database on this server, created on first connection. */
	public String jdbcUrl(String database) {
		return "jdbc:mariadb://127.0.0.1:" + this.port + "/" + database + "?createDatabaseIfNotExist=true";
	}

	/** Kills the server at once (SIGKILL), as a crash would: no shutdown, no flush. */
	public synchronized void kill() {
		if (this.process != null) {
			this.process.destroyForcibly();
			waitFor(this.process);
			this.process = null;
		}
	}

	/** Starts the server (again) on its datadir and port, and waits until it answers. */
	public synchronized void restart() {
		if (this.process != null) {
			throw new IllegalStateException("already running");
		}
		try {
			this.process = new ProcessBuilder(binary("mariadbd").orElseThrow().toString(), "--no-defaults",
					"--datadir=" + this.directory.resolve("data"), "--port=" + this.port, "--bind-address=127.0.0.1",
					"--socket=" + this.directory.resolve("mariadb.sock"),
					"--pid-file=" + this.directory.resolve("mariadb.pid"), "--user=" + System.getProperty("user.name"),
					"--skip-grant-tables", "--skip-name-resolve", "--innodb-buffer-pool-size=32M",
					"--innodb-log-file-size=16M", "--max-connections=200")
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.directory.resolve("server.log").toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("mariadbd exited (" + this.process.exitValue() + "), see "
						+ this.directory.resolve("server.log"));
			}
			try (Connection connection = DriverManager
				.getConnection("jdbc:mariadb://127.0.0.1:" + this.port + "/?connectTimeout=1000", "root", "")) {
				if (connection.isValid(1)) {
					return;
				}
			}
			catch (SQLException ex) {
				// not yet
			}
			sleep(200);
		}
		throw new IllegalStateException("mariadbd did not answer within 60 s, see " + this.directory);
	}

	/** Stops the server and deletes its datadir. */
	@Override
	public void close() {
		kill();
		try (Stream<Path> files = Files.walk(this.directory)) {
			files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
		}
		catch (IOException ex) {
			// left in the temporary directory
		}
	}

	private static Optional<Path> binary(String name) {
		Stream<String> path = Stream.concat(SEARCH_PATH.stream(),
				Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
		return path.filter((dir) -> !dir.isEmpty())
			.map((dir) -> Path.of(dir, name))
			.filter(Files::isExecutable)
			.findFirst();
	}

	private static void run(List<String> command, Path log) throws IOException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		if (waitFor(process) != 0) {
			throw new IllegalStateException(command.get(0) + " failed, see " + log);
		}
	}

	private static int waitFor(Process process) {
		try {
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("process did not end in 60 s");
			}
			return process.exitValue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
