package dev.baton.auth.refresh;

import java.time.Duration;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.baton.auth.testsupport.BatonServerTests;
import dev.baton.auth.testsupport.HttpResult;
import dev.baton.auth.testsupport.Jwts;
import dev.baton.auth.testsupport.TestClient;
import dev.baton.auth.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The refresh rules of DESIGN.md over HTTP, each checked in the response and in the
 * database: rotation (1), reuse revokes the family (2), the grace window (3), idle and
 * absolute expiry (4), client binding and scope narrowing (5).
 */
class RefreshGrantHttpTests extends BatonServerTests {

	@Test
	void refreshWhenTokenUnusedThenRotatesToSuccessorInSameFamily() {
		Tokens tokens = this.http.signIn(TestClient.WEB);
		String familyId = this.database.familyOf(tokens.refreshToken());

		HttpResult response = this.http.refresh(TestClient.WEB, tokens.refreshToken());

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Cache-Control")).contains("no-store");
		String successor = response.string("refresh_token");
		assertThat(successor).isNotBlank().isNotEqualTo(tokens.refreshToken());
		assertThat(response.string("access_token")).isNotEqualTo(tokens.accessToken());
		assertThat(this.database.familyOf(successor)).isEqualTo(familyId);
		assertThat(this.database.isConsumed(tokens.refreshToken())).isTrue();
		assertThat(this.database.isConsumed(successor)).isFalse();
		assertThat(this.database.tokenCount(familyId)).isEqualTo(2);
		assertThat(this.jdbc.queryForObject(
				"SELECT generation FROM refresh_token WHERE family_id = ? " + "AND consumed_at IS NULL", Integer.class,
				familyId))
			.isEqualTo(1);
		assertThat(this.database.awaitDeliveryConfirmed(tokens.refreshToken())).isTrue();
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM refresh_token WHERE family_id = ? " + "AND successor_ciphertext IS NOT NULL",
				Integer.class, familyId))
			.as("strict client: no successor kept once the response is delivered (DESIGN rule 7)")
			.isZero();
		assertThat(this.http.isActive(response.string("access_token"))).isTrue();
	}

	@Test
	void refreshWhenConsumedTokenReusedThenInvalidGrantAndFamilyRevokedWhileOtherFamilyWorks() {
		Tokens stolen = this.http.signIn(TestClient.WEB);
		Tokens otherSession = this.http.signIn(TestClient.WEB);
		HttpResult rotated = this.http.refresh(TestClient.WEB, stolen.refreshToken());
		String newest = rotated.string("refresh_token");
		String familyId = this.database.familyOf(newest);

		HttpResult reuse = this.http.refresh(TestClient.WEB, stolen.refreshToken());

		assertThat(reuse.status()).isEqualTo(400);
		assertThat(reuse.json()).containsEntry("error", "invalid_grant");
		assertThat(reuse.body()).doesNotContain("reuse", "revoked");
		assertThat(this.database.revokedReason(familyId)).isEqualTo("REUSE_DETECTED");
		assertThat(this.database.auditEvents(familyId, "REFRESH_TOKEN_REUSE_DETECTED")).isEqualTo(1);
		assertThat(this.database.auditEvents(familyId, "TOKEN_FAMILY_REVOKED")).isEqualTo(1);
		HttpResult newestAfterReuse = this.http.refresh(TestClient.WEB, newest);
		assertThat(newestAfterReuse.status()).isEqualTo(400);
		assertThat(newestAfterReuse.string("error")).isEqualTo("invalid_grant");
		assertThat(this.database.isConsumed(newest)).as("a revoked family's token is not consumed").isFalse();
		assertThat(this.http.isActive(rotated.string("access_token"))).isFalse();
		assertThat(this.http.isActive(newest)).isFalse();
		assertThat(this.database.isRevoked(this.database.familyOf(otherSession.refreshToken()))).isFalse();
		assertThat(this.http.refresh(TestClient.WEB, otherSession.refreshToken()).status()).isEqualTo(200);
		assertThat(this.http.isActive(otherSession.accessToken())).isTrue();
	}

	@Test
	void refreshWhenGraceClientRetriesConsumedTokenThenSameSuccessorAndFreshAccessToken() throws Exception {
		Tokens tokens = this.http.signIn(TestClient.MOBILE);
		HttpResult first = this.http.refresh(TestClient.MOBILE, tokens.refreshToken());
		assertThat(first.status()).isEqualTo(200);
		String familyId = this.database.familyOf(tokens.refreshToken());

		HttpResult retry = this.http.refresh(TestClient.MOBILE, tokens.refreshToken());

		assertThat(retry.status()).isEqualTo(200);
		assertThat(retry.string("refresh_token")).isEqualTo(first.string("refresh_token"));
		assertThat(retry.string("access_token")).isNotEqualTo(first.string("access_token"));
		JWTClaimsSet claims = Jwts.parse(retry.string("access_token")).getJWTClaimsSet();
		assertThat(claims.getStringClaim("sid")).isEqualTo(familyId);
		assertThat(this.database.isRevoked(familyId)).isFalse();
		assertThat(this.database.tokenCount(familyId)).as("no new token row for a retry").isEqualTo(2);
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM refresh_token WHERE family_id = ? " + "AND successor_ciphertext IS NOT NULL",
				Integer.class, familyId))
			.isEqualTo(1);
		HttpResult next = this.http.refresh(TestClient.MOBILE, retry.string("refresh_token"));
		assertThat(next.status()).isEqualTo(200);
	}

	@Test
	void refreshWhenGraceClientRetriesAfterSuccessorWasUsedThenReuseRevokesFamily() {
		Tokens tokens = this.http.signIn(TestClient.MOBILE);
		HttpResult first = this.http.refresh(TestClient.MOBILE, tokens.refreshToken());
		HttpResult second = this.http.refresh(TestClient.MOBILE, first.string("refresh_token"));
		assertThat(second.status()).isEqualTo(200);

		HttpResult retry = this.http.refresh(TestClient.MOBILE, tokens.refreshToken());

		assertThat(retry.status()).isEqualTo(400);
		assertThat(retry.string("error")).isEqualTo("invalid_grant");
		String familyId = this.database.familyOf(tokens.refreshToken());
		assertThat(this.database.revokedReason(familyId)).isEqualTo("REUSE_DETECTED");
		assertThat(this.http.refresh(TestClient.MOBILE, second.string("refresh_token")).status()).isEqualTo(400);
	}

	@Test
	void refreshWhenGraceClientRetriesAfterWindowThenReuseRevokesFamily() {
		Tokens tokens = this.http.signIn(TestClient.MOBILE);
		HttpResult first = this.http.refresh(TestClient.MOBILE, tokens.refreshToken());
		this.clock.advance(Duration.ofSeconds(16));

		HttpResult retry = this.http.refresh(TestClient.MOBILE, tokens.refreshToken());

		assertThat(retry.status()).isEqualTo(400);
		assertThat(retry.string("error")).isEqualTo("invalid_grant");
		assertThat(this.database.revokedReason(this.database.familyOf(tokens.refreshToken())))
			.isEqualTo("REUSE_DETECTED");
		assertThat(this.http.refresh(TestClient.MOBILE, first.string("refresh_token")).status()).isEqualTo(400);
	}

	@Test
	void refreshWhenStrictClientRetriesConsumedTokenImmediatelyThenReuseRevokesFamily() {
		Tokens tokens = this.http.signIn(TestClient.WEB);
		HttpResult first = this.http.refresh(TestClient.WEB, tokens.refreshToken());

		HttpResult retry = this.http.refresh(TestClient.WEB, tokens.refreshToken());

		assertThat(retry.status()).isEqualTo(400);
		assertThat(retry.string("error")).isEqualTo("invalid_grant");
		assertThat(this.database.revokedReason(this.database.familyOf(tokens.refreshToken())))
			.isEqualTo("REUSE_DETECTED");
		assertThat(this.http.refresh(TestClient.WEB, first.string("refresh_token")).status()).isEqualTo(400);
	}

	@Test
	void refreshWhenTokenPresentedByAnotherClientThenInvalidGrantAndNotConsumed() {
		Tokens web = this.http.signIn(TestClient.WEB);
		Tokens mobile = this.http.signIn(TestClient.MOBILE);

		HttpResult webTokenByMobile = this.http.refresh(TestClient.MOBILE, web.refreshToken());
		HttpResult mobileTokenByWeb = this.http.refresh(TestClient.WEB, mobile.refreshToken());

		assertThat(webTokenByMobile.status()).isEqualTo(400);
		assertThat(webTokenByMobile.string("error")).isEqualTo("invalid_grant");
		assertThat(mobileTokenByWeb.status()).isEqualTo(400);
		assertThat(mobileTokenByWeb.string("error")).isEqualTo("invalid_grant");
		assertThat(this.database.isConsumed(web.refreshToken())).isFalse();
		assertThat(this.database.isConsumed(mobile.refreshToken())).isFalse();
		assertThat(this.database.isRevoked(this.database.familyOf(web.refreshToken()))).isFalse();
		assertThat(this.http.refresh(TestClient.WEB, web.refreshToken()).status()).isEqualTo(200);
		assertThat(this.http.refresh(TestClient.MOBILE, mobile.refreshToken()).status()).isEqualTo(200);
	}

	@Test
	void refreshWhenScopeNarrowedThenAccessTokenHasNarrowerScopeAndFamilyKeepsItsScopes() throws Exception {
		Tokens tokens = this.http.signIn(TestClient.WEB);

		HttpResult narrowed = this.http.refresh(TestClient.WEB, tokens.refreshToken(), "scope", "notes.read");

		assertThat(narrowed.status()).isEqualTo(200);
		assertThat(narrowed.string("scope")).isEqualTo("notes.read");
		assertThat(Jwts.parse(narrowed.string("access_token")).getJWTClaimsSet().getStringClaim("scope"))
			.isEqualTo("notes.read");
		String familyId = this.database.familyOf(tokens.refreshToken());
		assertThat(this.jdbc.queryForObject("SELECT scopes FROM token_family WHERE id = ?", String.class, familyId))
			.contains("notes.write");
	}

	@Test
	void refreshWhenScopeWidenedThenInvalidScopeAndTokenNotConsumed() {
		Tokens tokens = this.http.signIn(TestClient.WEB, "openid offline_access notes.read");

		HttpResult widened = this.http.refresh(TestClient.WEB, tokens.refreshToken(), "scope",
				"notes.read notes.write");

		assertThat(widened.status()).isEqualTo(400);
		assertThat(widened.string("error")).isEqualTo("invalid_scope");
		assertThat(this.database.isConsumed(tokens.refreshToken())).isFalse();
		assertThat(this.http.refresh(TestClient.WEB, tokens.refreshToken()).status()).isEqualTo(200);
	}

	@Test
	void refreshWhenIdleLifetimePassedThenInvalidGrantWithoutRevokingOrConsuming() {
		Tokens tokens = this.http.signIn(TestClient.WEB);
		this.clock.advance(Duration.ofDays(14).plusSeconds(1));

		HttpResult response = this.http.refresh(TestClient.WEB, tokens.refreshToken());

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.string("error")).isEqualTo("invalid_grant");
		assertThat(this.database.isConsumed(tokens.refreshToken())).isFalse();
		assertThat(this.database.isRevoked(this.database.familyOf(tokens.refreshToken()))).isFalse();
	}

	@Test
	void refreshWhenUsedWithinIdleLifetimeThenFamilyLivesUntilAbsoluteExpiryButNotBeyond() {
		Tokens tokens = this.http.signIn(TestClient.WEB);
		String familyId = this.database.familyOf(tokens.refreshToken());
		java.sql.Timestamp absoluteExpiry = this.jdbc.queryForObject(
				"SELECT absolute_expires_at FROM token_family WHERE id = ?", java.sql.Timestamp.class, familyId);
		String current = tokens.refreshToken();
		for (int day = 13; day <= 78; day += 13) {
			this.clock.advance(Duration.ofDays(13));
			HttpResult response = this.http.refresh(TestClient.WEB, current);
			assertThat(response.status()).as("refresh on day %d: %s", day, response).isEqualTo(200);
			current = response.string("refresh_token");
		}
		assertThat(this.jdbc.queryForObject("SELECT absolute_expires_at FROM token_family WHERE id = ?",
				java.sql.Timestamp.class, familyId))
			.as("rotation never extends the family")
			.isEqualTo(absoluteExpiry);
		assertThat(this.jdbc.queryForObject("SELECT expires_at FROM refresh_token WHERE token_hash = ?",
				java.sql.Timestamp.class, (Object) dev.baton.auth.crypto.TokenHash.of(current).bytes()))
			.as("the newest token ends with its family")
			.isEqualTo(absoluteExpiry);
		this.clock.advance(Duration.ofDays(12).plusHours(1));

		HttpResult afterAbsoluteExpiry = this.http.refresh(TestClient.WEB, current);

		assertThat(afterAbsoluteExpiry.status()).isEqualTo(400);
		assertThat(afterAbsoluteExpiry.string("error")).isEqualTo("invalid_grant");
		assertThat(this.database.isConsumed(current)).isFalse();
	}

	@Test
	void refreshWhenUnknownTokenThenInvalidGrantAndNoRowChanges() {
		java.util.Map<String, Integer> before = this.database.rowCounts();

		HttpResult response = this.http.refresh(TestClient.WEB, "not-a-token-baton-issued");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.string("error")).isEqualTo("invalid_grant");
		assertThat(this.database.rowCounts()).isEqualTo(before);
	}

}
