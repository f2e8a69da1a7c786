package dev.baton.auth.client.file;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import dev.baton.auth.BatonAuthServerApplication;
import dev.baton.auth.testsupport.BatonHttpClient;
import dev.baton.auth.testsupport.BatonNodes;
import dev.baton.auth.testsupport.TestDatabase;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts whole servers on a test database with a clients file, as separate nodes would.
 */
final class ClientsFileStarts {

	/** A secret long enough for the file's ${VARIABLE} rule. */
	static final String WEB_SECRET = "files-web-secret-0123456789abcdefghijklmnop";

	static final String ADMIN_SECRET = "ops-admin-secret-0123456789abcdefghijklmnop";

	private ClientsFileStarts() {
	}

	/** Command-line arguments, so they win over application.yml. */
	static ConfigurableApplicationContext start(TestDatabase database, Path directory, Path clientsFile,
			String... extra) {
		List<String> arguments = new ArrayList<>();
		database.properties().forEach((name, value) -> arguments.add("--" + name + "=" + value));
		arguments.add("--server.port=0");
		arguments.add("--server.address=127.0.0.1");
		arguments.add("--baton.keys.encryption-key-file=" + directory.resolve("kek"));
		arguments.add("--baton.demo.enabled=false");
		arguments.add("--baton.clients.file=" + clientsFile);
		arguments.add("--FILES_WEB_SECRET=" + WEB_SECRET);
		arguments.addAll(List.of(extra));
		return BatonNodes.keepingJvmLogging(new SpringApplicationBuilder(BatonAuthServerApplication.class))
			.run(arguments.toArray(String[]::new));
	}

	static BatonHttpClient client(ConfigurableApplicationContext context) {
		return new BatonHttpClient(
				"http://127.0.0.1:" + context.getEnvironment().getRequiredProperty("local.server.port"));
	}

	static String randomKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

}
