package dev.baton.auth.database;

import java.net.http.HttpRequest;
import java.time.Duration;

import dev.baton.auth.testsupport.BatonHttpClient;
import dev.baton.auth.testsupport.Form;
import dev.baton.auth.testsupport.HttpResult;
import dev.baton.auth.testsupport.MutableClock;
import dev.baton.auth.testsupport.PrivateMariaDb;
import dev.baton.auth.testsupport.TestClient;
import dev.baton.auth.testsupport.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database dies under a running server (a private {@code mariadbd}, killed with
 * SIGKILL) and comes back: the {@code mysql} profile's settings make every protocol
 * endpoint answer at once with {@code temporarily_unavailable} and {@code Retry-After}
 * instead of hanging for the pool's 30 s; JWKS and discovery go on from the last key set
 * read; readiness turns DOWN; and after the restart the same refresh token works, without
 * restarting Baton.
 * <p>
 * Each request here gives up after {@link #HANG}: a hang detector (the old behaviour was
 * a 30 s wait), not a latency measurement (the harness measures that, docs/SCALING.md).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "baton.issuer=http://localhost:9000", "baton.demo.enabled=true", "server.address=127.0.0.1",
				"logging.level.com.zaxxer.hikari=ERROR" })
@ActiveProfiles("mysql")
@DirtiesContext
@EnabledIf("mariaDbInstalled")
@Tag("fault")
class DatabaseOutageHttpTests {

	private static final Duration HANG = Duration.ofSeconds(10);

	private static PrivateMariaDb server;

	@LocalServerPort
	private int port;

	@Autowired
	private MutableClock clock;

	private BatonHttpClient http;

	static boolean mariaDbInstalled() {
		if (!PrivateMariaDb.isInstalled() && "true".equalsIgnoreCase(System.getenv("BATON_REQUIRE_MARIADB"))) {
			throw new IllegalStateException("mariadbd is not installed and BATON_REQUIRE_MARIADB=true");
		}
		return PrivateMariaDb.isInstalled();
	}

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		server = PrivateMariaDb.start();
		registry.add("spring.datasource.url", () -> server.jdbcUrl("baton"));
		registry.add("spring.datasource.username", () -> "root");
		registry.add("spring.datasource.password", () -> "");
		registry.add("baton.keys.encryption-key", () -> "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
	}

	@AfterAll
	static void stopServer() {
		if (server != null) {
			server.close();
		}
	}

	@BeforeEach
	void connect() {
		this.http = new BatonHttpClient("http://127.0.0.1:" + this.port);
	}

	@Test
	void protocolEndpointsWhenDatabaseKilledThenTemporarilyUnavailableAndRecoverAfterRestart() {
		Tokens tokens = this.http.signIn(TestClient.WEB);
		Tokens mobile = this.http.signIn(TestClient.MOBILE);
		String jwks = get("/oauth2/jwks").body();
		assertThat(get("/actuator/health/readiness").status()).isEqualTo(200);

		server.kill();
		// From here a client without the sign-in's session cookie, like an API client or
		// a load balancer's probe.
		this.http = new BatonHttpClient(this.http.baseUrl());
		// The key cache (1 minute) is stale from here on: JWKS and discovery must not
		// need the database.
		this.clock.advance(Duration.ofMinutes(2));

		assertTemporarilyUnavailable(post("/oauth2/token", TestClient.WEB
			.authenticate(Form.of("grant_type", "refresh_token", "refresh_token", tokens.refreshToken()))));
		assertTemporarilyUnavailable(post("/oauth2/token", TestClient.MOBILE
			.authenticate(Form.of("grant_type", "refresh_token", "refresh_token", mobile.refreshToken()))));
		assertTemporarilyUnavailable(
				post("/oauth2/token", TestClient.SERVICE.authenticate(Form.of("grant_type", "client_credentials"))));
		assertTemporarilyUnavailable(
				post("/oauth2/revoke", TestClient.WEB.authenticate(Form.of("token", tokens.refreshToken()))));
		assertTemporarilyUnavailable(
				post("/oauth2/introspect", TestClient.WEB.authenticate(Form.of("token", tokens.accessToken()))));
		assertTemporarilyUnavailable(get("/userinfo", "Authorization", "Bearer " + tokens.accessToken()));

		HttpResult keys = get("/oauth2/jwks");
		assertThat(keys.status()).isEqualTo(200);
		assertThat(keys.body()).isEqualTo(jwks);
		HttpResult discovery = get("/.well-known/openid-configuration");
		assertThat(discovery.status()).isEqualTo(200);
		assertThat(discovery.json()).containsEntry("jwks_uri", "http://localhost:9000/oauth2/jwks");

		HttpResult readiness = get("/actuator/health/readiness");
		assertThat(readiness.status()).isEqualTo(503);
		assertThat(readiness.json()).containsEntry("status", "DOWN");

		HttpResult registration = send(HttpRequest.newBuilder(this.http.uri("/api/account/registrations"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(
					"{\"username\":\"outage\",\"email\":\"o@example.com\",\"password\":\"correct-horse-battery-staple-9\"}")));
		assertThat(registration.status()).as("%s", registration).isEqualTo(503);
		assertThat(registration.header("Content-Type")).startsWith("application/problem+json");
		assertThat(registration.header("Retry-After")).isNotNull();

		// The sign-in page needs no database: its CSRF token is in a cookie (issue 13
		// item 10).
		HttpResult login = get("/login");
		assertThat(login.status()).as("%s", login).isEqualTo(200);

		server.restart();

		HttpResult refreshed = awaitRecovery(() -> post("/oauth2/token", TestClient.WEB
			.authenticate(Form.of("grant_type", "refresh_token", "refresh_token", tokens.refreshToken()))));
		assertThat(refreshed.status()).as("%s", refreshed).isEqualTo(200);
		assertThat(refreshed.string("refresh_token")).isNotEqualTo(tokens.refreshToken());
		assertThat(get("/actuator/health/readiness").status()).isEqualTo(200);
	}

	private static void assertTemporarilyUnavailable(HttpResult response) {
		assertThat(response.status()).as("%s", response).isEqualTo(503);
		assertThat(response.json()).containsEntry("error", "temporarily_unavailable");
		assertThat(response.header("Retry-After")).isEqualTo("5");
		assertThat(response.header("Cache-Control")).isEqualTo("no-store");
	}

	/**
	 * The pool reconnects on its own; a request answered 503 meanwhile is retried, as a
	 * client would.
	 */
	private HttpResult awaitRecovery(java.util.function.Supplier<HttpResult> request) {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		HttpResult response = request.get();
		while (response.status() == 503 && System.nanoTime() < deadline) {
			sleep(Duration.ofMillis(500));
			response = request.get();
		}
		return response;
	}

	private HttpResult get(String path, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.http.uri(path)).GET();
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return send(request);
	}

	private HttpResult post(String path, Form form) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.http.uri(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form.encoded()));
		form.headers().forEach((header) -> request.setHeader(header.getKey(), header.getValue()));
		return send(request);
	}

	private HttpResult send(HttpRequest.Builder request) {
		return this.http.send(request.timeout(HANG).build());
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class TestClock {

		@Bean
		@Primary
		MutableClock mutableClock() {
			return new MutableClock();
		}

	}

}
