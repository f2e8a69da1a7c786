package dev.baton.auth.keys;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import dev.baton.auth.testsupport.AtOnce;
import dev.baton.auth.testsupport.BatonHttpClient;
import dev.baton.auth.testsupport.BatonNodes;
import dev.baton.auth.testsupport.HttpResult;
import dev.baton.auth.testsupport.MariaDbCondition;
import dev.baton.auth.testsupport.MutableClock;
import dev.baton.auth.testsupport.TestClient;
import dev.baton.auth.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two auth-server nodes started together on one empty database (H2, and MariaDB in the
 * {@code mariadb} run), sharing a clock: exactly one first key, one rotation out of
 * twenty simultaneous admin requests split across the nodes, one scheduled rotation per
 * period over twenty periods with both nodes checking at once, and each background job
 * run by one node when both start it at once. The tests run in order on the same two
 * nodes; each leaves the key set in a state the next one expects.
 */
@Tag("database")
@ExtendWith(MariaDbCondition.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodeSigningKeyHttpTests {

	private static final Duration PERIOD = Duration.ofDays(30);

	private static final Duration PUBLISH_LEAD = Duration.ofMinutes(10);

	private static final Duration CHECK_INTERVAL = Duration.ofHours(1);

	private final MutableClock clock = new MutableClock();

	private TestDatabase database;

	private BatonNodes nodes;

	private JdbcTemplate jdbc;

	@BeforeAll
	void startTwoNodesTogether() throws Exception {
		this.database = TestDatabase.create();
		// The tests start the jobs themselves; the schedules stay out of the way.
		this.nodes = BatonNodes.start(this.database, this.clock, 2, List.of(), "--baton.cleanup.initial-delay=PT1H");
		this.jdbc = this.nodes.bean(0, JdbcTemplate.class);
	}

	@AfterAll
	void stop() {
		if (this.nodes != null) {
			this.nodes.close();
		}
		if (this.database != null) {
			this.database.drop();
		}
	}

	@Test
	@Order(1)
	void startWhenTwoNodesStartTogetherOnAnEmptyDatabaseThenExactlyOneFirstKeyAndBothPublishIt() {
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM signing_key", Integer.class)).isOne();
		String kid = this.jdbc.queryForObject("SELECT kid FROM signing_key", String.class);
		for (int node = 0; node < 2; node++) {
			HttpResult jwks = this.nodes.client(node).get("/oauth2/jwks");
			assertThat(jwks.status()).isEqualTo(200);
			assertThat(jwks.body()).contains(kid);
			assertThat(this.nodes.bean(node, SigningKeySet.class).publishedKeys()).extracting(SigningKey::kid)
				.containsExactly(kid);
		}
	}

	@Test
	@Order(2)
	void rotationsWhenTwentyAdminsRotateAtOnceAcrossTwoNodesThenOneCreatedAndNineteenConflicts() throws Exception {
		List<String> adminTokens = new ArrayList<>();
		for (int node = 0; node < 2; node++) {
			adminTokens
				.add(this.nodes.client(node).clientCredentials(TestClient.ADMIN, "baton.admin").string("access_token"));
		}
		List<Callable<HttpResult>> requests = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			int node = i % 2;
			BatonHttpClient http = this.nodes.client(node);
			requests.add(() -> http.send(HttpRequest.newBuilder(http.uri("/api/admin/signing-keys/rotations"))
				.header("Authorization", "Bearer " + adminTokens.get(node))
				.POST(HttpRequest.BodyPublishers.noBody())
				.build()));
		}

		List<HttpResult> responses = AtOnce.run(requests);

		assertThat(responses).filteredOn((response) -> response.status() == 201).as("%s", responses).hasSize(1);
		assertThat(responses).filteredOn((response) -> response.status() != 201).hasSize(19).allSatisfy((response) -> {
			assertThat(response.status()).isEqualTo(409);
			assertThat(response.header("Content-Type")).startsWith("application/problem+json");
			assertThat(response.json()).containsEntry("status", 409).containsKey("detail");
		});
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM signing_key", Integer.class)).isEqualTo(2);
		assertNoKeyRetiresBeforeItActivates();
		HttpResult again = responses.stream().filter((response) -> response.status() == 409).findFirst().orElseThrow();
		assertThat(again.body()).satisfiesAnyOf((body) -> assertThat(body).contains("pendingKid"),
				(body) -> assertThat(body).contains("concurrent rotation"));
	}

	@Test
	@Order(3)
	void rotateIfDueWhenBothNodesCheckAtOnceForTwentyPeriodsThenOneRotationPerPeriodOnTheSchedule() throws Exception {
		// From the newest key (pending since the admin rotation), both nodes check at the
		// same instants.
		Instant newestActivation = newestActivation();
		this.clock.advance(Duration.between(this.clock.instant(), newestActivation));
		int rotations = 0;
		for (int period = 1; period <= 20; period++) {
			Instant due = newestActivation.plus(PERIOD.multipliedBy(period));
			Instant check = due.minus(PUBLISH_LEAD).minus(CHECK_INTERVAL);
			this.clock.advance(Duration.between(this.clock.instant(), check.minusSeconds(60)));
			assertThat(rotateOnBothNodesAtOnce()).as("a minute before the check of period %d", period).isZero();
			this.clock.advance(Duration.ofSeconds(60));
			int rotated = rotateOnBothNodesAtOnce();
			assertThat(rotated).as("period %d", period).isOne();
			rotations += rotated;
			assertThat(newestActivation()).as("period %d activates on the schedule", period).isEqualTo(due);
		}
		assertThat(rotations).isEqualTo(20);
		assertNoKeyRetiresBeforeItActivates();
	}

	@Test
	@Order(4)
	void runWhenBothNodesRunTheSameJobsAtOnceThenEachJobRunsOnOneNode() throws Exception {
		List<Callable<Boolean>> cleanups = new ArrayList<>();
		List<Callable<Boolean>> rotationChecks = new ArrayList<>();
		for (int node = 0; node < 2; node++) {
			dev.baton.auth.scheduling.TokenCleanupJob cleanup = this.nodes.bean(node,
					dev.baton.auth.scheduling.TokenCleanupJob.class);
			cleanups.add(() -> cleanup.cleanUp().isPresent());
			dev.baton.auth.scheduling.JobRunner runner = this.nodes.bean(node,
					dev.baton.auth.scheduling.JobRunner.class);
			SigningKeyRotationJob job = this.nodes.bean(node, SigningKeyRotationJob.class);
			rotationChecks.add(() -> runner.run(job).isPresent());
		}

		assertThat(AtOnce.run(cleanups)).containsExactlyInAnyOrder(true, false);
		assertThat(AtOnce.run(rotationChecks)).containsExactlyInAnyOrder(true, false);
		assertThat(this.jdbc.queryForList("SELECT name FROM job_lock ORDER BY name", String.class))
			.containsExactly(SigningKeyRotationJob.LOCK_NAME, "token-cleanup");
	}

	/**
	 * Both nodes' scheduled check, released at the same moment; returns how many rotated.
	 */
	private int rotateOnBothNodesAtOnce() throws Exception {
		List<Callable<Optional<KeyRotationOutcome>>> checks = new ArrayList<>();
		for (int node = 0; node < 2; node++) {
			SigningKeyRotation rotation = this.nodes.bean(node, SigningKeyRotation.class);
			checks.add(rotation::rotateIfDue);
		}
		return (int) AtOnce.run(checks)
			.stream()
			.filter((outcome) -> outcome.filter(KeyRotationOutcome.Rotated.class::isInstance).isPresent())
			.count();
	}

	private Instant newestActivation() {
		return this.jdbc.queryForObject("SELECT MAX(activates_at) FROM signing_key", java.time.LocalDateTime.class)
			.toInstant(java.time.ZoneOffset.UTC);
	}

	private void assertNoKeyRetiresBeforeItActivates() {
		List<Map<String, Object>> early = this.jdbc
			.queryForList("SELECT kid FROM signing_key WHERE retires_at IS NOT NULL AND retires_at <= activates_at");
		assertThat(early).isEmpty();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM signing_key WHERE retires_at IS NULL", Integer.class))
			.as("one newest key")
			.isOne();
	}

}
