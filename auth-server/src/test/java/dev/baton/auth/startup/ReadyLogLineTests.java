package dev.baton.auth.startup;

import dev.baton.auth.support.BatonServerProperties;
import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class ReadyLogLineTests {

	private final ReadyLogLine ready = new ReadyLogLine(new BatonServerProperties("https://login.example.com"));

	@Test
	void lineWhenDemoModeThenWhereItListensAndTheDemoCredentials() {
		String line = this.ready.line(new MockEnvironment().withProperty("server.address", "127.0.0.1"), 9000);

		assertThat(line)
			.startsWith("Baton is ready: listening on http://127.0.0.1:9000, issuer https://login.example.com")
			.contains("alice / alice-demo-password")
			.contains("admin / admin-demo-password")
			.contains("demo-web / demo-web-secret")
			.contains("demo-bff / demo-bff-secret");
	}

	@Test
	void lineWhenNotDemoModeThenNoCredentials() {
		String line = this.ready.line(new MockEnvironment().withProperty("server.address", "0.0.0.0"), 9000);

		assertThat(line)
			.isEqualTo("Baton is ready: listening on http://0.0.0.0:9000, issuer https://login.example.com");
	}

}
