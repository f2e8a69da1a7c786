package dev.baton.resource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API starts while Baton is down, and says 503 (not 401, not a stack trace) while it
 * cannot get the keys.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class JwksUnavailableTests {

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("baton.resource.issuer", () -> TestTokens.ISSUER);
		registry.add("baton.resource.jwk-set-uri", () -> "http://127.0.0.1:" + closedPort() + "/oauth2/jwks");
		registry.add("server.address", () -> "127.0.0.1");
	}

	@Test
	void meWhenJwksUnreachableThen503ProblemDetails() {
		HttpResponse<String> response = new ApiClient(this.port).get("/api/me",
				TestTokens.sign(TestTokens.rsaKey("some-key"), (claims) -> {
				}));

		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(ApiClient.json(response).get("status").asInt()).isEqualTo(503);
		assertThat(response.body()).doesNotContain("Exception");
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
