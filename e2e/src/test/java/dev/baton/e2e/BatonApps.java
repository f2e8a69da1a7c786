package dev.baton.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

import dev.baton.auth.BatonAuthServerApplication;
import dev.baton.resource.BatonResourceServerApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Both applications in this JVM, each in its own Spring context on a loopback port: the
 * auth-server with a fresh in-memory H2 database and its issuer set to its real URL, the
 * resource server trusting that issuer. They share one adjustable clock.
 */
final class BatonApps implements AutoCloseable {

	/** The demo API's audience, as configured for the demo clients. */
	static final String API_AUDIENCE = "http://localhost:8080";

	/**
	 * The resource server must not see the auth-server's infrastructure, which is on the
	 * same class path here: no data source, migrations, JDBC sessions or authorization
	 * server.
	 */
	static final String RESOURCE_SERVER_EXCLUDES = String.join(",",
			"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
			"org.springframework.boot.jdbc.autoconfigure.DataSourceInitializationAutoConfiguration",
			"org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
			"org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
			"org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
			"org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration",
			"org.springframework.boot.jdbc.autoconfigure.metrics.DataSourcePoolMetricsAutoConfiguration",
			"org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
			"org.springframework.boot.session.autoconfigure.SessionAutoConfiguration",
			"org.springframework.boot.session.jdbc.autoconfigure.JdbcSessionAutoConfiguration",
			"org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerAutoConfiguration",
			"org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerJwtAutoConfiguration");

	final ShiftableClock clock;

	final String issuer;

	final String apiBaseUrl;

	private final ConfigurableApplicationContext authServer;

	private final ConfigurableApplicationContext resourceServer;

	private BatonApps(ShiftableClock clock, String issuer, ConfigurableApplicationContext authServer,
			ConfigurableApplicationContext resourceServer) {
		this.clock = clock;
		this.issuer = issuer;
		this.authServer = authServer;
		this.resourceServer = resourceServer;
		this.apiBaseUrl = "http://127.0.0.1:" + port(resourceServer);
	}

	/**
	 * Starts the auth-server, then the resource server.
	 * @param authServerArguments extra {@code --name=value} settings of the auth-server
	 */
	static BatonApps start(ShiftableClock clock, String... authServerArguments) {
		int authPort = freePort();
		String issuer = "http://127.0.0.1:" + authPort;
		String[] arguments = concat(
				new String[] { "--server.port=" + authPort, "--server.address=127.0.0.1", "--baton.issuer=" + issuer,
						"--spring.datasource.url=jdbc:h2:mem:baton-e2e-" + UUID.randomUUID()
								+ ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
						"--baton.keys.encryption-key=" + randomKey(), "--baton.demo.enabled=true",
						"--spring.application.name=baton-auth-server-e2e" },
				authServerArguments);
		ConfigurableApplicationContext authServer = new SpringApplicationBuilder(BatonAuthServerApplication.class)
			.initializers((context) -> context.getBeanFactory().registerSingleton("e2eClock", clock))
			.run(arguments);
		try {
			ConfigurableApplicationContext resourceServer = new SpringApplicationBuilder(
					BatonResourceServerApplication.class)
				.initializers((context) -> context.getBeanFactory().registerSingleton("e2eClock", clock))
				.run("--spring.config.name=baton-e2e-resource-server", "--server.port=0", "--server.address=127.0.0.1",
						"--spring.application.name=baton-resource-server-e2e", "--baton.resource.issuer=" + issuer,
						"--baton.resource.audience=" + API_AUDIENCE,
						"--spring.autoconfigure.exclude=" + RESOURCE_SERVER_EXCLUDES);
			return new BatonApps(clock, issuer, authServer, resourceServer);
		}
		catch (RuntimeException ex) {
			authServer.close();
			throw ex;
		}
	}

	/** The account id of a user: the {@code sub} of their tokens (never the username). */
	String subjectOf(String username) {
		return jdbc().queryForObject("SELECT id FROM user_account WHERE username = ?", String.class, username);
	}

	/** The auth-server's database, for a test to check what Baton stored. */
	org.springframework.jdbc.core.JdbcTemplate jdbc() {
		return this.authServer.getBean(org.springframework.jdbc.core.JdbcTemplate.class);
	}

	@Override
	public void close() {
		this.resourceServer.close();
		this.authServer.close();
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String randomKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

	private static String[] concat(String[] first, String[] second) {
		String[] all = new String[first.length + second.length];
		System.arraycopy(first, 0, all, 0, first.length);
		System.arraycopy(second, 0, all, first.length, second.length);
		return all;
	}

}
