package dev.baton.auth.database;

import dev.baton.auth.database.ConflictInjection.Conflicts;
import dev.baton.auth.testsupport.BatonServerTests;
import dev.baton.auth.testsupport.HttpResult;
import dev.baton.auth.testsupport.TestClient;
import dev.baton.auth.testsupport.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rotation whose COMMIT loses a race (as on Galera, when another member certified
 * first) is run again from the start, not answered with a 5xx; when it keeps losing, the
 * client is told to come back later.
 */
@Import(ConflictInjection.class)
class RefreshConflictRetryHttpTests extends BatonServerTests {

	@Autowired
	private Conflicts conflicts;

	@AfterEach
	void stopConflicts() {
		this.conflicts.failNextConsumptions(0);
	}

	@Test
	void refreshWhenCommitConflictsOnceThenRetriedRotationSucceedsAndFamilyGoesOn() {
		Tokens tokens = this.http.signIn(TestClient.WEB);
		String familyId = this.database.familyOf(tokens.refreshToken());
		this.conflicts.failNextConsumptions(1);

		HttpResult response = this.http.refresh(TestClient.WEB, tokens.refreshToken());

		assertThat(response.status()).as("%s", response).isEqualTo(200);
		assertThat(this.conflicts.injected()).isEqualTo(1);
		String successor = response.string("refresh_token");
		assertThat(this.database.familyOf(successor)).isEqualTo(familyId);
		assertThat(this.database.tokenCount(familyId)).as("the rolled-back attempt left no successor").isEqualTo(2);
		assertThat(this.database.isRevoked(familyId)).isFalse();
		assertThat(this.http.refresh(TestClient.WEB, successor).status()).isEqualTo(200);
	}

	@Test
	void refreshWhenGraceClientCommitConflictsTwiceThenRetriedRotationSucceeds() {
		Tokens tokens = this.http.signIn(TestClient.MOBILE);
		String familyId = this.database.familyOf(tokens.refreshToken());
		this.conflicts.failNextConsumptions(2);

		HttpResult response = this.http.refresh(TestClient.MOBILE, tokens.refreshToken());

		assertThat(response.status()).as("%s", response).isEqualTo(200);
		assertThat(this.conflicts.injected()).isEqualTo(2);
		assertThat(this.database.tokenCount(familyId)).isEqualTo(2);
		HttpResult retry = this.http.refresh(TestClient.MOBILE, tokens.refreshToken());
		assertThat(retry.status()).isEqualTo(200);
		assertThat(retry.string("refresh_token")).isEqualTo(response.string("refresh_token"));
	}

	@Test
	void refreshWhenEveryAttemptConflictsThenTemporarilyUnavailableWithRetryAfterAndTokenStillUsable() {
		Tokens tokens = this.http.signIn(TestClient.WEB);
		String familyId = this.database.familyOf(tokens.refreshToken());
		this.conflicts.failNextConsumptions(1_000);

		HttpResult response = this.http.refresh(TestClient.WEB, tokens.refreshToken());

		assertThat(response.status()).as("%s", response).isEqualTo(503);
		assertThat(response.json()).containsEntry("error", "temporarily_unavailable");
		assertThat(response.header("Retry-After")).isEqualTo("1");
		assertThat(response.header("Cache-Control")).isEqualTo("no-store");
		assertThat(this.conflicts.injected()).isEqualTo(8);
		assertThat(this.database.isConsumed(tokens.refreshToken())).isFalse();
		this.conflicts.failNextConsumptions(0);
		assertThat(this.http.refresh(TestClient.WEB, tokens.refreshToken()).status()).isEqualTo(200);
		assertThat(this.database.isRevoked(familyId)).isFalse();
	}

}
