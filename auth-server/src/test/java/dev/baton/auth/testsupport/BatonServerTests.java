package dev.baton.auth.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.baton.auth.client.Client;
import dev.baton.auth.client.ClientRepository;
import dev.baton.auth.client.ClientSecretEncoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The base of Baton's HTTP tests: the whole server on a random port of 127.0.0.1, on a
 * fresh database (H2 in MySQL mode, or MariaDB with
 * {@code -Dbaton.test.database=mariadb}) with its own key-encryption key file, and a
 * {@link MutableClock}, sending its mail to the {@link TestMailServer}. 127.0.0.1 is a
 * trusted proxy, so a test can come from any IP with {@code X-Forwarded-For}. Every
 * subclass has the same configuration, so Spring starts the server once per run and the
 * test classes share it: tests create their own sign-ins and never rely on what another
 * left behind.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		// The scheduled cleanup stays out of the way of tests that compare row counts;
		// tests run it themselves.
		properties = { "baton.issuer=" + BatonServerTests.ISSUER, "logging.level.dev.baton=INFO",
				"baton.cleanup.initial-delay=PT24H",
				// the tests play the load balancer: 127.0.0.1 may say which client it
				// forwards (X-Forwarded-For)
				"server.tomcat.remoteip.trusted-proxies=127.0.0.1/32" })
@Import(BatonTestConfiguration.class)
@ExtendWith(MariaDbCondition.class)
@Tag("database")
public abstract class BatonServerTests {

	public static final String ISSUER = "http://localhost:9000";

	@LocalServerPort
	protected int port;

	@Autowired
	protected JdbcTemplate jdbc;

	@Autowired
	protected MutableClock clock;

	protected BatonHttpClient http;

	protected DatabaseState database;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabase database = TestDatabase.create();
		database.properties().forEach((name, value) -> registry.add(name, () -> value));
		registry.add("baton.keys.encryption-key-file", () -> temporaryDirectory().resolve("kek").toString());
		// mail goes to a real SMTP server of the tests (GreenMail)
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", TestMailServer::port);
	}

	@Autowired
	private ClientRepository clients;

	@BeforeEach
	void connectClient() {
		this.http = new BatonHttpClient("http://127.0.0.1:" + this.port);
		this.database = new DatabaseState(this.jdbc);
		registerResourceServer();
	}

	/** {@link TestClient#RESOURCE_SERVER}, registered once per server. */
	private void registerResourceServer() {
		if (this.clients.findByClientId(TestClient.RESOURCE_SERVER.clientId()).isPresent()) {
			return;
		}
		try {
			this.clients.insert(Client.withClientId(TestClient.RESOURCE_SERVER.clientId())
				.clientSecretHash(new ClientSecretEncoder().encode(TestClient.RESOURCE_SERVER.secret()))
				.authenticationMethods(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
				.grantTypes(AuthorizationGrantType.CLIENT_CREDENTIALS)
				.resourceServerAudiences(List.of("http://localhost:8080", ISSUER))
				.createdAt(this.clock.instant().minusSeconds(60))
				.build());
		}
		catch (DuplicateKeyException ex) {
			// registered by a test running in parallel
		}
	}

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	/**
	 * The account id of the demo user alice: the {@code sub} of her tokens, the subject
	 * of her families.
	 */
	protected String aliceSubject() {
		return this.jdbc.queryForObject("SELECT id FROM user_account WHERE username = 'alice'", String.class);
	}

	static Path temporaryDirectory() {
		try {
			Path directory = Files.createTempDirectory("baton-test-");
			directory.toFile().deleteOnExit();
			return directory;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
