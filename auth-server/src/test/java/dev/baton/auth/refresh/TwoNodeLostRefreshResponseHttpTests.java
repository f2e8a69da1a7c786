package dev.baton.auth.refresh;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.baton.auth.testsupport.AtOnce;
import dev.baton.auth.testsupport.BatonHttpClient;
import dev.baton.auth.testsupport.BatonNodes;
import dev.baton.auth.testsupport.DatabaseState;
import dev.baton.auth.testsupport.HttpResult;
import dev.baton.auth.testsupport.MariaDbCondition;
import dev.baton.auth.testsupport.MutableClock;
import dev.baton.auth.testsupport.TestClient;
import dev.baton.auth.testsupport.TestDatabase;
import dev.baton.auth.testsupport.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DESIGN rule 7 over HTTP on two nodes of one database (H2, and MariaDB in the
 * {@code mariadb} run): a strict client ({@code demo-web}) whose rotation committed but
 * whose response was lost (the database failed during COMMIT, or the response could not
 * be written) keeps its session when it retries on the other node a few seconds later; a
 * delivered rotation replayed seconds later is still reuse; and parallel replays split
 * across the two nodes still give one success and a revoked family. The recovery delay is
 * 10 s here (2 s by default).
 */
@Tag("database")
@ExtendWith(MariaDbCondition.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoNodeLostRefreshResponseHttpTests {

	/**
	 * Longer than the default, so that no pause of a loaded machine turns an immediate
	 * retry into a late one.
	 */
	private static final Duration RECOVERY_DELAY = Duration.ofSeconds(10);

	private static final Duration RETRY_AFTER = RECOVERY_DELAY.plusSeconds(1);

	private final MutableClock clock = new MutableClock();

	private TestDatabase testDatabase;

	private BatonNodes nodes;

	private BatonHttpClient nodeA;

	private BatonHttpClient nodeB;

	private LostResponseHooks hooksA;

	private DatabaseState database;

	@BeforeAll
	void startTwoNodes() throws Exception {
		this.testDatabase = TestDatabase.create();
		this.nodes = BatonNodes.start(this.testDatabase, this.clock, 2, List.of(LostResponseHooks.class),
				"--baton.refresh.recovery-delay=" + RECOVERY_DELAY, "--baton.cleanup.initial-delay=PT1H");
		this.nodeA = this.nodes.client(0);
		this.nodeB = this.nodes.client(1);
		this.hooksA = this.nodes.bean(0, LostResponseHooks.class);
		this.database = new DatabaseState(this.nodes.bean(0, JdbcTemplate.class));
	}

	@AfterEach
	void disarm() {
		this.hooksA.failNextRotationCommit.set(false);
		this.hooksA.dropNextRefreshResponse.set(false);
	}

	@AfterAll
	void stop() {
		if (this.nodes != null) {
			this.nodes.close();
		}
		if (this.testDatabase != null) {
			this.testDatabase.drop();
		}
	}

	@Test
	void refreshWhenDatabaseFailsDuringCommitThenClientGetsAnErrorAndItsRetryOnTheOtherNodeTheSameSession() {
		Tokens tokens = this.nodeA.signIn(TestClient.WEB);
		String familyId = this.database.familyOf(tokens.refreshToken());
		this.hooksA.failNextRotationCommit.set(true);

		HttpResult failed = this.nodeA.refresh(TestClient.WEB, tokens.refreshToken());

		assertThat(failed.status()).as("%s", failed).isGreaterThanOrEqualTo(500);
		assertThat(failed.body()).doesNotContain("refresh_token");
		assertThat(this.database.isConsumed(tokens.refreshToken())).as("the rotation committed").isTrue();
		assertRetryRecoversTheSession(tokens, familyId);
	}

	@Test
	void refreshWhenResponseCannotBeWrittenThenItsRetryOnTheOtherNodeGetsTheSameSuccessor() {
		Tokens tokens = this.nodeA.signIn(TestClient.WEB);
		String familyId = this.database.familyOf(tokens.refreshToken());
		this.hooksA.dropNextRefreshResponse.set(true);

		HttpResult lost = this.nodeA.refresh(TestClient.WEB, tokens.refreshToken());

		assertThat(lost.status()).isEqualTo(502);
		assertThat(this.database.isConsumed(tokens.refreshToken())).as("the rotation committed").isTrue();
		assertRetryRecoversTheSession(tokens, familyId);
	}

	@Test
	void refreshWhenResponseLostAndRetriedWithinTheDelayThenReuseRevokesFamily() {
		Tokens tokens = this.nodeA.signIn(TestClient.WEB);
		String familyId = this.database.familyOf(tokens.refreshToken());
		this.hooksA.dropNextRefreshResponse.set(true);
		this.nodeA.refresh(TestClient.WEB, tokens.refreshToken());

		HttpResult retry = this.nodeB.refresh(TestClient.WEB, tokens.refreshToken());

		assertThat(retry.status()).isEqualTo(400);
		assertThat(retry.string("error")).isEqualTo("invalid_grant");
		assertThat(this.database.revokedReason(familyId)).isEqualTo("REUSE_DETECTED");
	}

	@Test
	void refreshWhenResponseDeliveredThenReplaySecondsLaterOnTheOtherNodeIsReuse() {
		Tokens tokens = this.nodeA.signIn(TestClient.WEB);
		String familyId = this.database.familyOf(tokens.refreshToken());
		HttpResult delivered = this.nodeA.refresh(TestClient.WEB, tokens.refreshToken());
		assertThat(delivered.status()).isEqualTo(200);
		assertThat(this.database.awaitDeliveryConfirmed(tokens.refreshToken())).isTrue();
		this.clock.advance(RETRY_AFTER);

		HttpResult replay = this.nodeB.refresh(TestClient.WEB, tokens.refreshToken());

		assertThat(replay.status()).isEqualTo(400);
		assertThat(replay.string("error")).isEqualTo("invalid_grant");
		assertThat(this.database.revokedReason(familyId)).isEqualTo("REUSE_DETECTED");
		assertThat(this.nodeB.refresh(TestClient.WEB, delivered.string("refresh_token")).status()).isEqualTo(400);
	}

	@RepeatedTest(3)
	void refreshWhenStrictClientReplaysInParallelAcrossBothNodesThenOneSucceedsAndFamilyEndsRevoked() throws Exception {
		Tokens tokens = this.nodeA.signIn(TestClient.WEB);
		String familyId = this.database.familyOf(tokens.refreshToken());
		List<Callable<HttpResult>> replays = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			BatonHttpClient node = (i % 2 == 0) ? this.nodeA : this.nodeB;
			replays.add(() -> node.refresh(TestClient.WEB, tokens.refreshToken()));
		}

		List<HttpResult> responses = AtOnce.run(replays);

		assertThat(responses).filteredOn((response) -> response.status() == 200).as("%s", responses).hasSize(1);
		assertThat(responses).filteredOn((response) -> response.status() != 200)
			.hasSize(9)
			.allSatisfy((response) -> assertThat(response.string("error")).isEqualTo("invalid_grant"));
		assertThat(this.database.revokedReason(familyId)).isEqualTo("REUSE_DETECTED");
		assertThat(this.database.tokenCount(familyId)).isEqualTo(2);
	}

	/**
	 * A few seconds later, the client retries its consumed token on the other node: the
	 * same successor (no new token row), the family goes on; the successor works; the
	 * consumed token is reuse from then on.
	 */
	private void assertRetryRecoversTheSession(Tokens tokens, String familyId) {
		this.clock.advance(RETRY_AFTER);

		HttpResult retry = this.nodeB.refresh(TestClient.WEB, tokens.refreshToken());

		assertThat(retry.status()).as("%s", retry).isEqualTo(200);
		String successor = retry.string("refresh_token");
		assertThat(this.database.familyOf(successor)).isEqualTo(familyId);
		assertThat(this.database.tokenCount(familyId)).as("the successor of the lost response").isEqualTo(2);
		assertThat(this.database.isRevoked(familyId)).isFalse();
		// introspected by the client it was issued to (issue 13 item 5: no other client
		// may)
		assertThat(this.nodeB.introspect(TestClient.WEB, retry.string("access_token")).json()).containsEntry("active",
				true);
		HttpResult next = this.nodeA.refresh(TestClient.WEB, successor);
		assertThat(next.status()).isEqualTo(200);
		HttpResult replay = this.nodeA.refresh(TestClient.WEB, tokens.refreshToken());
		assertThat(replay.status()).isEqualTo(400);
		assertThat(this.database.revokedReason(familyId)).isEqualTo("REUSE_DETECTED");
	}

}
