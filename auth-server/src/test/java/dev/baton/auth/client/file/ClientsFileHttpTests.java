package dev.baton.auth.client.file;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import dev.baton.auth.client.ClientSecretEncoder;
import dev.baton.auth.testsupport.BatonHttpClient;
import dev.baton.auth.testsupport.HttpResult;
import dev.baton.auth.testsupport.MariaDbCondition;
import dev.baton.auth.testsupport.TestClient;
import dev.baton.auth.testsupport.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The clients file ({@code baton.clients.file}) over whole server starts on H2 and
 * MariaDB: clients created, then updated and deleted as the file says at the next start;
 * the bootstrap admin client; an invalid file stopping the start with one message naming
 * file, client and field, and writing nothing; two nodes starting at once on one database
 * applying it once.
 */
@Tag("database")
@ExtendWith(MariaDbCondition.class)
class ClientsFileHttpTests {

	private static final String SERVICE_SECRET = "files-service-secret";

	@TempDir
	Path directory;

	private TestDatabase database;

	@AfterEach
	void dropDatabase() {
		if (this.database != null) {
			this.database.drop();
		}
	}

	@Test
	void startWhenClientsFileThenClientsCreatedAndBootstrapAdminCanManageThem() throws Exception {
		this.database = TestDatabase.create();
		Path file = write("clients.yml", """
				clients:
				  - client_id: files-web
				    client_name: Files web app
				    client_secret: ${FILES_WEB_SECRET}
				    grant_types: [authorization_code, refresh_token]
				    redirect_uris: ["http://127.0.0.1:8765/callback"]
				    scope: openid offline_access notes.read
				    first_party: true
				    allowed_cors_origins: ["https://files-web.example", "http://localhost:3000"]
				  - client_id: files-service
				    client_secret: "%s"
				    grant_types: [client_credentials]
				    scope: notes.read
				""".formatted(new ClientSecretEncoder().encode(SERVICE_SECRET)));

		try (ConfigurableApplicationContext node = ClientsFileStarts.start(this.database, this.directory, file,
				"--baton.admin-client.id=ops-admin", "--baton.admin-client.secret=" + ClientsFileStarts.ADMIN_SECRET)) {
			BatonHttpClient http = ClientsFileStarts.client(node);

			assertThat(http.clientCredentials(new TestClient("files-service", SERVICE_SECRET), "notes.read").status())
				.isEqualTo(200);
			assertThat(http.clientCredentials(new TestClient("files-web", ClientsFileStarts.WEB_SECRET), "notes.read")
				.status()).as("files-web has no client_credentials grant").isEqualTo(400);
			String admin = http.accessToken(new TestClient("ops-admin", ClientsFileStarts.ADMIN_SECRET), "baton.admin");
			HttpResult clients = http.json("GET", "/api/admin/clients", admin, null);
			assertThat(clients.status()).isEqualTo(200);
			assertThat(clients.body()).contains("\"files-web\"")
				.contains("\"files-service\"")
				.contains("\"ops-admin\"")
				.doesNotContain("demo-web");
			JdbcTemplate jdbc = node.getBean(JdbcTemplate.class);
			assertThat(jdbc.queryForObject("SELECT client_secret_hash FROM client WHERE client_id = 'files-web'",
					String.class))
				.isEqualTo(new ClientSecretEncoder().encode(ClientsFileStarts.WEB_SECRET));
			assertThat(jdbc.queryForObject("SELECT allowed_cors_origins FROM client WHERE client_id = 'files-web'",
					String.class))
				.isEqualTo("https://files-web.example http://localhost:3000");
			assertThat(http.get("/oauth2/jwks", "Origin", "https://files-web.example")
				.header("Access-Control-Allow-Origin")).isEqualTo("https://files-web.example");
			assertThat(jdbc.queryForList("SELECT subject FROM audit_event WHERE type = 'CLIENT_CREATED' ORDER BY id",
					String.class))
				.containsExactly("clients-file", "clients-file", "bootstrap");
		}
	}

	@Test
	void restartWhenFileChangedThenUpdatedAndDeletedAsItSaysAndOthersUntouched() throws Exception {
		this.database = TestDatabase.create();
		Path file = write("clients.yml", """
				clients:
				  - client_id: files-service
				    client_secret: "%1$s"
				    grant_types: [client_credentials]
				    scope: notes.read
				  - client_id: files-old
				    client_secret: "%1$s"
				    grant_types: [client_credentials]
				    scope: notes.read
				  - client_id: files-admin
				    client_secret: "%1$s"
				    grant_types: [client_credentials]
				    scope: baton.admin
				""".formatted(new ClientSecretEncoder().encode(SERVICE_SECRET)));
		try (ConfigurableApplicationContext node = ClientsFileStarts.start(this.database, this.directory, file)) {
			BatonHttpClient http = ClientsFileStarts.client(node);
			String admin = http.accessToken(new TestClient("files-admin", SERVICE_SECRET), "baton.admin");
			HttpResult created = http.json("POST", "/api/admin/clients", admin,
					"{\"client_id\": \"api-made\", \"grant_types\": [\"client_credentials\"], \"scope\": \"notes.read\"}");
			assertThat(created.status()).isEqualTo(201);
			HttpResult lastAdmin = http.json("DELETE", "/api/admin/clients/files-admin", admin, null);
			assertThat(lastAdmin.status()).as("the last admin client stays: %s", lastAdmin).isEqualTo(409);
		}
		write("clients.yml", """
				clients:
				  - client_id: files-service
				    client_name: Renamed by the file
				    grant_types: [client_credentials]
				    scope: notes.read notes.write
				  - client_id: files-old
				    delete: true
				  - client_id: files-admin
				    grant_types: [client_credentials]
				    scope: baton.admin
				""");

		try (ConfigurableApplicationContext node = ClientsFileStarts.start(this.database, this.directory, file)) {
			BatonHttpClient http = ClientsFileStarts.client(node);
			JdbcTemplate jdbc = node.getBean(JdbcTemplate.class);

			assertThat(jdbc.queryForObject("SELECT client_name FROM client WHERE client_id = 'files-service'",
					String.class))
				.isEqualTo("Renamed by the file");
			assertThat(http.clientCredentials(new TestClient("files-service", SERVICE_SECRET), "notes.write").status())
				.as("the secret stays when the file gives none")
				.isEqualTo(200);
			assertThat(jdbc.queryForList("SELECT client_id FROM client ORDER BY client_id", String.class))
				.containsExactly("api-made", "files-admin", "files-service");
			assertThat(jdbc.queryForList("SELECT type FROM audit_event WHERE subject = 'clients-file' AND "
					+ "client_id IN ('files-service', 'files-old') ORDER BY id", String.class))
				.containsExactly("CLIENT_CREATED", "CLIENT_CREATED", "CLIENT_UPDATED", "CLIENT_DELETED");
		}
		try (ConfigurableApplicationContext node = ClientsFileStarts.start(this.database, this.directory, file)) {
			assertThat(node.getBean(JdbcTemplate.class)
				.queryForObject("SELECT COUNT(*) FROM audit_event WHERE subject = 'clients-file'", Integer.class))
				.as("an unchanged file writes nothing")
				.isEqualTo(5);
		}
	}

	@Test
	void startWhenFileInvalidThenStartFailsNamingFileClientAndFieldAndNothingWritten() throws Exception {
		this.database = TestDatabase.create();
		Path file = write("broken.yml", """
				clients:
				  - client_id: files-good
				    client_secret: ${FILES_WEB_SECRET}
				    grant_types: [client_credentials]
				    scope: notes.read
				  - client_id: files-bad
				    client_secret: plaintext-in-the-file
				    redirect_uris: ["http://evil.example.com/callback"]
				    scope: openid
				  - client_id: files-unset
				    client_secret: ${FILES_NOT_SET_ANYWHERE}
				    grant_types: [client_credentials]
				    scoop: notes.read
				""");

		Throwable failure = catchThrowable(() -> ClientsFileStarts.start(this.database, this.directory, file));

		InvalidClientsFileException invalid = cause(failure);
		FailureAnalysis analysis = new ClientsFileFailureAnalyzer().analyze(failure);
		assertThat(analysis.getDescription()).contains(file.toString())
			.contains("client 'files-bad', field redirect_uris: 'http://evil.example.com/callback' must use https")
			.contains("client 'files-bad', field client_secret: must be ${VARIABLE}")
			.contains(
					"client 'files-unset', field client_secret: environment variable FILES_NOT_SET_ANYWHERE is not set")
			.contains("client 'files-unset', field scoop: is not a client metadata field")
			.doesNotContain("plaintext-in-the-file");
		assertThat(analysis.getAction()).contains("docs/CLIENTS.md");
		assertThat(invalid.problems()).hasSize(4);
		try (HikariDataSource dataSource = this.database.dataSource()) {
			assertThat(new JdbcTemplate(dataSource)
				.queryForObject("SELECT COUNT(*) FROM client WHERE client_id LIKE 'files-%'", Integer.class)).isZero();
		}
	}

	@Test
	void startWhenFileNotYamlOrMissingThenStartFailsWithItsName() throws Exception {
		this.database = TestDatabase.create();
		Path notYaml = write("not-yaml.yml", "clients: [\n  - client_id: x\n");
		Path noList = write("no-list.yml", "client:\n  - client_id: x\n");

		InvalidClientsFileException syntax = cause(
				catchThrowable(() -> ClientsFileStarts.start(this.database, this.directory, notYaml)));
		InvalidClientsFileException shape = cause(
				catchThrowable(() -> ClientsFileStarts.start(this.database, this.directory, noList)));
		InvalidClientsFileException missing = cause(catchThrowable(
				() -> ClientsFileStarts.start(this.database, this.directory, this.directory.resolve("absent.yml"))));

		assertThat(syntax.getMessage()).contains("not-yaml.yml").contains("is not valid YAML");
		assertThat(shape.getMessage()).contains("no-list.yml").contains("top-level 'clients:' list");
		assertThat(missing.getMessage()).contains("absent.yml").contains("does not exist");
	}

	@Test
	void startWhenTwoNodesAtOnceThenTheFileIsAppliedOnce() throws Exception {
		this.database = TestDatabase.create();
		if (!this.database.isMariaDb()) {
			// Two in-memory H2 nodes would race Flyway itself; on MariaDB Flyway takes a
			// lock, as in production.
			try (HikariDataSource dataSource = this.database.dataSource()) {
				Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
			}
		}
		StringBuilder yaml = new StringBuilder("clients:\n");
		for (int i = 0; i < 10; i++) {
			yaml.append("  - client_id: files-node-")
				.append(i)
				.append('\n')
				.append("    client_secret: ${FILES_WEB_SECRET}\n")
				.append("    grant_types: [client_credentials]\n")
				.append("    scope: notes.read\n");
		}
		Path file = write("clients.yml", yaml.toString());
		ExecutorService executor = Executors.newFixedThreadPool(2);
		CountDownLatch ready = new CountDownLatch(2);
		List<Future<ConfigurableApplicationContext>> nodes = new ArrayList<>();
		try {
			for (int n = 0; n < 2; n++) {
				nodes.add(executor.submit(() -> {
					ready.countDown();
					ready.await();
					return ClientsFileStarts.start(this.database, this.directory, file);
				}));
			}
			List<ConfigurableApplicationContext> started = new ArrayList<>();
			for (Future<ConfigurableApplicationContext> node : nodes) {
				started.add(node.get(180, TimeUnit.SECONDS));
			}
			JdbcTemplate jdbc = started.get(0).getBean(JdbcTemplate.class);
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM client WHERE client_id LIKE 'files-node-%'",
					Integer.class))
				.isEqualTo(10);
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE type = 'CLIENT_CREATED'",
					Integer.class))
				.as("each client created by one node only")
				.isEqualTo(10);
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE type = 'CLIENT_UPDATED'",
					Integer.class))
				.as("the second node found them up to date")
				.isZero();
			for (ConfigurableApplicationContext node : started) {
				assertThat(ClientsFileStarts.client(node)
					.clientCredentials(new TestClient("files-node-7", ClientsFileStarts.WEB_SECRET), "notes.read")
					.status()).isEqualTo(200);
			}
			started.forEach(ConfigurableApplicationContext::close);
		}
		finally {
			executor.shutdownNow();
		}
	}

	private Path write(String name, String content) throws Exception {
		return Files.writeString(this.directory.resolve(name), content);
	}

	private static InvalidClientsFileException cause(Throwable failure) {
		Throwable cause = failure;
		while (cause != null && !(cause instanceof InvalidClientsFileException)) {
			cause = cause.getCause();
		}
		assertThat(cause).as("start failure %s", failure).isInstanceOf(InvalidClientsFileException.class);
		return (InvalidClientsFileException) cause;
	}

}
