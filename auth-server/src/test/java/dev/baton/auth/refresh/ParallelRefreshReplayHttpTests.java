package dev.baton.auth.refresh;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.baton.auth.testsupport.BatonHttpClient;
import dev.baton.auth.testsupport.BatonServerTests;
import dev.baton.auth.testsupport.HttpResult;
import dev.baton.auth.testsupport.TestClient;
import dev.baton.auth.testsupport.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parallel replay (STYLE "Tests"): ten identical refresh requests released at once
 * over real HTTP, each on its own connection. The database's conditional UPDATE alone
 * decides the winner (DESIGN rule 1), so a strict client gets exactly one success and a
 * revoked family, and a client with a grace window gets the same successor ten times and
 * a family that goes on.
 */
class ParallelRefreshReplayHttpTests extends BatonServerTests {

	private static final int REQUESTS = 10;

	private ExecutorService pool;

	@BeforeEach
	void startPool() {
		this.pool = Executors.newFixedThreadPool(REQUESTS);
	}

	@AfterEach
	void stopPool() throws InterruptedException {
		this.pool.shutdownNow();
		this.pool.awaitTermination(10, TimeUnit.SECONDS);
	}

	@RepeatedTest(3)
	void refreshWhenStrictClientReplaysInParallelThenExactlyOneSucceedsAndFamilyEndsRevoked() throws Exception {
		Tokens tokens = this.http.signIn(TestClient.WEB);
		String familyId = this.database.familyOf(tokens.refreshToken());

		List<HttpResult> responses = refreshAtOnce(TestClient.WEB, tokens.refreshToken());

		List<HttpResult> succeeded = responses.stream().filter((response) -> response.status() == 200).toList();
		List<HttpResult> failed = responses.stream().filter((response) -> response.status() != 200).toList();
		assertThat(succeeded).as("%s", responses).hasSize(1);
		assertThat(failed).hasSize(REQUESTS - 1).allSatisfy((response) -> {
			assertThat(response.status()).isEqualTo(400);
			assertThat(response.json()).containsEntry("error", "invalid_grant");
		});
		assertThat(this.database.revokedReason(familyId)).isEqualTo("REUSE_DETECTED");
		assertThat(this.database.auditEvents(familyId, "TOKEN_FAMILY_REVOKED")).isEqualTo(1);
		assertThat(this.database.tokenCount(familyId)).as("one successor was issued").isEqualTo(2);
		String successor = succeeded.get(0).string("refresh_token");
		assertThat(this.http.refresh(TestClient.WEB, successor).status()).isEqualTo(400);
	}

	@RepeatedTest(3)
	void refreshWhenGraceClientReplaysInParallelThenAllGetSameSuccessorAndFamilyGoesOn() throws Exception {
		Tokens tokens = this.http.signIn(TestClient.MOBILE);
		String familyId = this.database.familyOf(tokens.refreshToken());

		List<HttpResult> responses = refreshAtOnce(TestClient.MOBILE, tokens.refreshToken());

		assertThat(responses).as("%s", responses)
			.allSatisfy((response) -> assertThat(response.status()).isEqualTo(200));
		List<String> successors = responses.stream()
			.map((response) -> response.string("refresh_token"))
			.distinct()
			.toList();
		assertThat(successors).hasSize(1);
		assertThat(responses.stream().map((response) -> response.string("access_token")).distinct()).hasSize(REQUESTS);
		assertThat(this.database.isRevoked(familyId)).isFalse();
		assertThat(this.database.tokenCount(familyId)).isEqualTo(2);
		assertThat(this.database.familyOf(successors.get(0))).isEqualTo(familyId);
		HttpResult next = this.http.refresh(TestClient.MOBILE, successors.get(0));
		assertThat(next.status()).isEqualTo(200);
		assertThat(this.database.isRevoked(familyId)).isFalse();
	}

	@RepeatedTest(2)
	void tokenWhenSameCodeRedeemedInParallelThenExactlyOneSucceedsAndOneFamilyExists() throws Exception {
		BatonHttpClient.AuthorizationCode code = this.http.authorize(TestClient.WEB, BatonHttpClient.USER_SCOPES);
		int familiesBefore = this.database.rowCounts().get("token_family");

		List<HttpResult> responses = atOnce(() -> new BatonHttpClient(this.http.baseUrl()).exchange(code));

		List<HttpResult> succeeded = responses.stream().filter((response) -> response.status() == 200).toList();
		assertThat(succeeded).as("%s", responses).hasSize(1);
		assertThat(responses).filteredOn((response) -> response.status() != 200)
			.hasSize(REQUESTS - 1)
			.allSatisfy((response) -> assertThat(response.json()).containsEntry("error", "invalid_grant"));
		assertThat(this.database.rowCounts().get("token_family")).isEqualTo(familiesBefore + 1);
		String familyId = this.database.familyOf(succeeded.get(0).string("refresh_token"));
		assertThat(this.database.tokenCount(familyId)).isEqualTo(1);
	}

	private List<HttpResult> refreshAtOnce(TestClient client, String refreshToken) throws Exception {
		return atOnce(() -> new BatonHttpClient(this.http.baseUrl()).refresh(client, refreshToken));
	}

	private List<HttpResult> atOnce(java.util.function.Supplier<HttpResult> request) throws Exception {
		CyclicBarrier start = new CyclicBarrier(REQUESTS);
		List<Future<HttpResult>> futures = new ArrayList<>();
		for (int i = 0; i < REQUESTS; i++) {
			futures.add(this.pool.submit(() -> {
				start.await(10, TimeUnit.SECONDS);
				return request.get();
			}));
		}
		List<HttpResult> responses = new ArrayList<>();
		for (Future<HttpResult> future : futures) {
			responses.add(future.get(60, TimeUnit.SECONDS));
		}
		return responses;
	}

}
