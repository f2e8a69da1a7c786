package dev.baton.auth.keys;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.baton.auth.BatonAuthServerApplication;
import dev.baton.auth.testsupport.BatonHttpClient;
import dev.baton.auth.testsupport.HttpResult;
import dev.baton.auth.testsupport.MariaDbCondition;
import dev.baton.auth.testsupport.TestClient;
import dev.baton.auth.testsupport.TestDatabase;
import dev.baton.auth.testsupport.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The signing key set lives in the database, its private keys encrypted under the
 * key-encryption key: a server restarted on the same database with the same
 * key-encryption key publishes the same JWKS, and tokens issued before the restart still
 * verify.
 */
@Tag("database")
@ExtendWith(MariaDbCondition.class)
class SigningKeyRestartHttpTests {

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
	void restartWhenSameDatabaseAndKeyEncryptionKeyThenSameJwksAndOldTokensStillVerify() throws Exception {
		this.database = TestDatabase.create();
		Path keyEncryptionKey = this.directory.resolve("kek");
		String jwks;
		Tokens tokens;
		try (ConfigurableApplicationContext first = start(keyEncryptionKey)) {
			BatonHttpClient http = client(first);
			jwks = http.get("/oauth2/jwks").body();
			tokens = http.signIn(TestClient.WEB);
		}
		assertThat(Files.exists(keyEncryptionKey)).isTrue();

		try (ConfigurableApplicationContext second = start(keyEncryptionKey)) {
			BatonHttpClient http = client(second);

			assertThat(http.get("/oauth2/jwks").body()).isEqualTo(jwks);
			HttpResult introspection = http.introspect(TestClient.WEB, tokens.accessToken());
			assertThat(introspection.json()).containsEntry("active", true)
				.containsEntry("sub", second.getBean(org.springframework.jdbc.core.JdbcTemplate.class)
					.queryForObject("SELECT id FROM user_account WHERE username = 'alice'", String.class));
			HttpResult userInfo = http.get("/userinfo", "Authorization", "Bearer " + tokens.accessToken());
			assertThat(userInfo.status()).isEqualTo(200);
			HttpResult refresh = http.refresh(TestClient.WEB, tokens.refreshToken());
			assertThat(refresh.status()).isEqualTo(200);
		}
	}

	/**
	 * Command-line arguments, so they win over application.yml (default properties would
	 * not).
	 */
	private ConfigurableApplicationContext start(Path keyEncryptionKey) {
		List<String> arguments = new ArrayList<>();
		this.database.properties().forEach((name, value) -> arguments.add("--" + name + "=" + value));
		arguments.add("--server.port=0");
		arguments.add("--server.address=127.0.0.1");
		arguments.add("--baton.keys.encryption-key-file=" + keyEncryptionKey);
		return new SpringApplicationBuilder(BatonAuthServerApplication.class).run(arguments.toArray(String[]::new));
	}

	private static BatonHttpClient client(ConfigurableApplicationContext context) {
		return new BatonHttpClient(
				"http://127.0.0.1:" + context.getEnvironment().getRequiredProperty("local.server.port"));
	}

}
