package dev.baton.auth.client.file;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import dev.baton.auth.BatonAuthServerApplication;
import dev.baton.auth.testsupport.BatonHttpClient;
import dev.baton.auth.testsupport.HttpResult;
import dev.baton.auth.testsupport.MariaDbCondition;
import dev.baton.auth.testsupport.TestClient;
import dev.baton.auth.testsupport.TestDatabase;
import dev.baton.auth.testsupport.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Production as the README describes it: profile {@code mysql} on a fresh MariaDB
 * database, configured only through {@code BATON_*} settings, no demo data, the apps from
 * a clients file. A client from the file completes the authorization-code flow with PKCE
 * (for a user registered through the account API), refreshes, and is revoked. Runs in the
 * {@code mariadb} execution only.
 */
@Tag("database")
@ExtendWith({ MariaDbCondition.class, OutputCaptureExtension.class })
class ClientsFileMysqlProfileTests {

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
	void mysqlProfileWhenClientsFileThenItsWebAppSignsInRefreshesAndIsRevoked(CapturedOutput output) throws Exception {
		Assumptions.assumeTrue(TestDatabase.isMariaDbSelected(), "the mysql profile needs MariaDB");
		this.database = TestDatabase.create();
		Path file = Files.writeString(this.directory.resolve("clients.yml"), """
				clients:
				  - client_id: prod-web
				    client_name: Production web app
				    client_secret: ${PROD_WEB_SECRET}
				    grant_types: [authorization_code, refresh_token]
				    redirect_uris: ["http://127.0.0.1:8765/callback"]
				    scope: openid profile offline_access notes.read
				    audiences: ["http://localhost:8080"]
				    first_party: true
				""");
		String secret = "prod-web-secret-" + UUID.randomUUID();
		String[] arguments = { "--spring.profiles.active=mysql", "--BATON_ISSUER=http://localhost:9000",
				"--BATON_DB_URL=jdbc:mariadb://127.0.0.1:3306/" + this.database.name(), "--BATON_DB_USER=root",
				"--BATON_DB_PASSWORD=", "--BATON_KEY_ENCRYPTION_KEY=" + ClientsFileStarts.randomKey(),
				"--BATON_CLIENTS_FILE=" + file, "--PROD_WEB_SECRET=" + secret, "--BATON_BIND_ADDRESS=127.0.0.1",
				"--server.port=0" };

		try (ConfigurableApplicationContext node = new SpringApplicationBuilder(BatonAuthServerApplication.class)
			.run(arguments)) {
			String base = "http://127.0.0.1:" + node.getEnvironment().getRequiredProperty("local.server.port");
			String username = "prod-user-" + UUID.randomUUID().toString().substring(0, 8);
			String password = "a long production password";
			HttpResult registered = new BatonHttpClient(base).json("POST", "/api/account/registrations", null,
					"{\"username\": \"" + username + "\", \"email\": \"" + username + "@example.com\", "
							+ "\"password\": \"" + password + "\"}");
			assertThat(registered.status()).as("%s", registered).isEqualTo(201);
			BatonHttpClient http = new BatonHttpClient(base, username, password);
			TestClient client = new TestClient("prod-web", secret);

			Tokens tokens = http.signIn(client, "openid offline_access notes.read");
			HttpResult refreshed = http.refresh(client, tokens.refreshToken());
			HttpResult revoked = http.revoke(client, refreshed.string("refresh_token"));
			HttpResult afterRevocation = http.refresh(client, refreshed.string("refresh_token"));

			assertThat(refreshed.status()).as("%s", refreshed).isEqualTo(200);
			assertThat(revoked.status()).isEqualTo(200);
			assertThat(afterRevocation.string("error")).isEqualTo("invalid_grant");
			assertThat(http.clientCredentials(TestClient.WEB, "notes.read").status())
				.as("no demo clients under the mysql profile")
				.isEqualTo(401);
			assertThat(output.getOut()).as("without an admin client, one line says how to get in")
				.contains("No admin client exists: set BATON_ADMIN_CLIENT_ID and BATON_ADMIN_CLIENT_SECRET")
				.doesNotContain(secret);
		}
	}

}
