package dev.baton.auth.refresh;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import dev.baton.auth.audit.AuditEventType;
import dev.baton.auth.crypto.TokenHash;
import dev.baton.auth.refresh.RefreshFixture.Started;
import dev.baton.auth.refresh.RotationOutcome.ClientMismatch;
import dev.baton.auth.refresh.RotationOutcome.Expired;
import dev.baton.auth.refresh.RotationOutcome.FamilyRevoked;
import dev.baton.auth.refresh.RotationOutcome.ResourceNotGranted;
import dev.baton.auth.refresh.RotationOutcome.RetriedWithinGrace;
import dev.baton.auth.refresh.RotationOutcome.ReuseDetected;
import dev.baton.auth.refresh.RotationOutcome.Rotated;
import dev.baton.auth.refresh.RotationOutcome.ScopeExceeded;
import dev.baton.auth.refresh.RotationOutcome.Unknown;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static dev.baton.auth.refresh.RefreshFixture.API;
import static dev.baton.auth.refresh.RefreshFixture.GRACE;
import static dev.baton.auth.refresh.RefreshFixture.MOBILE;
import static dev.baton.auth.refresh.RefreshFixture.ORIGIN;
import static dev.baton.auth.refresh.RefreshFixture.OTHER_API;
import static dev.baton.auth.refresh.RefreshFixture.STRICT;
import static dev.baton.auth.refresh.RefreshFixture.WEB;
import static dev.baton.auth.refresh.RefreshFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The refresh rules of DESIGN.md, rule by rule, against the real schema with a movable
 * clock. The rotator is called through its {@code @Transactional} proxy, as the token
 * endpoint calls it.
 */
class RefreshTokenRotatorTests {

	private final RefreshFixture fixture = new RefreshFixture();

	private final RefreshTokenRotator rotator = this.fixture.rotator;

	@AfterEach
	void shutdown() {
		this.fixture.db.shutdown();
	}

	// Rule 1: consume and hand on

	@Test
	void rotateWhenTokenUnusedThenConsumesItAndIssuesSuccessorOfNextGeneration() {
		Started started = this.fixture.start(STRICT);
		this.fixture.clock.advance(Duration.ofMinutes(10));
		Instant now = this.fixture.clock.instant();

		RotationOutcome outcome = this.rotator.rotate(request(started.token(), STRICT));

		assertThat(outcome).isInstanceOf(Rotated.class);
		Rotated rotated = (Rotated) outcome;
		assertThat(rotated.family().id()).isEqualTo(started.family().id());
		assertThat(rotated.successor().value()).hasSize(43).isNotEqualTo(started.token());
		assertThat(rotated.successor().issuedAt()).isEqualTo(now);
		assertThat(rotated.successor().expiresAt()).isEqualTo(now.plus(Duration.ofDays(14)));
		assertThat(this.fixture.consumedAt(started.token())).isEqualTo(now);
		RefreshToken successor = this.fixture.token(rotated.successor().value());
		assertThat(successor.familyId()).isEqualTo(started.family().id());
		assertThat(successor.generation()).isEqualTo(1);
		assertThat(successor.isConsumed()).isFalse();
		assertThat(successor.tokenHash()).isEqualTo(TokenHash.of(rotated.successor().value()));
		assertThat(successor.successorCiphertext()).isNull();
	}

	@Test
	void rotateWhenSuccessorPresentedThenHandsOnToTheNextGeneration() {
		Started started = this.fixture.start(STRICT);
		String first = successorOf(this.rotator.rotate(request(started.token(), STRICT)));
		String second = successorOf(this.rotator.rotate(request(first, STRICT)));

		assertThat(this.fixture.token(second).generation()).isEqualTo(2);
		assertThat(this.fixture.tokenCount(started.family().id())).isEqualTo(3);
		assertThat(this.fixture.family(started.family().id()).isRevoked()).isFalse();
	}

	@Test
	void rotateWhenStrictThenKeepsSuccessorCiphertextOnlyUntilItsDeliveryIsConfirmed() {
		Started started = this.fixture.start(STRICT);

		this.rotator.rotate(request(started.token(), STRICT));

		RefreshToken consumed = this.fixture.token(started.token());
		assertThat(consumed.successorCiphertext()).isNotNull();
		assertThat(consumed.successorExpiresAt()).isEqualTo(Instant.parse("2026-01-01T00:05:00Z"));
		this.fixture.delivered(started.token(), STRICT);
		assertThat(this.fixture.token(started.token()).successorCiphertext()).isNull();
		assertThat(this.fixture.token(started.token()).successorExpiresAt()).isNull();
	}

	// Rule 2: reuse revokes the family

	@Test
	void rotateWhenStrictAndTokenAlreadyConsumedThenRevokesFamilyAndRecordsReuse() {
		Started started = this.fixture.start(STRICT);
		String successor = successorOf(this.rotator.rotate(request(started.token(), STRICT)));
		this.fixture.clock.advance(Duration.ofSeconds(1));

		RotationOutcome outcome = this.rotator.rotate(request(started.token(), STRICT));

		assertThat(outcome).isInstanceOf(ReuseDetected.class);
		TokenFamily family = this.fixture.family(started.family().id());
		assertThat(family.revokedAt()).isEqualTo(this.fixture.clock.instant());
		assertThat(family.revokedReason()).isEqualTo(RevocationReason.REUSE_DETECTED);
		assertThat(this.fixture.auditTypes(family.id())).containsExactly(AuditEventType.TOKEN_FAMILY_CREATED,
				AuditEventType.TOKEN_FAMILY_REVOKED, AuditEventType.REFRESH_TOKEN_REUSE_DETECTED);
		assertThat(this.fixture.auditEvents.findByFamilyId(family.id())).last().satisfies((event) -> {
			assertThat(event.clientId()).isEqualTo(MOBILE);
			assertThat(event.subject()).isEqualTo("alice");
			assertThat(event.ip()).isEqualTo(ORIGIN.ip());
			assertThat(event.detail()).doesNotContain(started.token()).doesNotContain(successor);
		});
		// Every token of the family fails from now on, the unused successor included.
		assertThat(this.rotator.rotate(request(successor, STRICT))).isInstanceOf(FamilyRevoked.class);
	}

	@Test
	void rotateWhenReuseDetectedThenTransactionCommitsRevocation() {
		Started started = this.fixture.start(STRICT);
		this.rotator.rotate(request(started.token(), STRICT));

		RotationOutcome outcome = this.rotator.rotate(request(started.token(), STRICT));

		// Read back on a connection of its own: the rotation's transaction has committed
		// the revocation.
		assertThat(outcome).isInstanceOf(ReuseDetected.class);
		assertThat(this.fixture.db.jdbc()
			.queryForObject("SELECT revoked_reason FROM token_family WHERE id = ?", String.class,
					started.family().id()))
			.isEqualTo("REUSE_DETECTED");
		assertThat(this.fixture.db.jdbc()
			.queryForObject("SELECT COUNT(*) FROM audit_event WHERE family_id = ? AND type = ?", Integer.class,
					started.family().id(), "REFRESH_TOKEN_REUSE_DETECTED"))
			.isEqualTo(1);
	}

	// Rule 3: grace window

	@Test
	void rotateWhenRetriedWithinGraceWindowAndSuccessorUnusedThenReturnsSameSuccessor() {
		Started started = this.fixture.start(GRACE);
		Rotated first = (Rotated) this.rotator.rotate(request(started.token(), GRACE));
		this.fixture.clock.advance(Duration.ofSeconds(14));

		RotationOutcome outcome = this.rotator.rotate(request(started.token(), GRACE));

		assertThat(outcome).isInstanceOf(RetriedWithinGrace.class);
		RetriedWithinGrace retried = (RetriedWithinGrace) outcome;
		assertThat(retried.successor().value()).isEqualTo(first.successor().value());
		assertThat(retried.successor().expiresAt()).isEqualTo(first.successor().expiresAt());
		assertThat(this.fixture.tokenCount(started.family().id())).isEqualTo(2);
		assertThat(this.fixture.family(started.family().id()).isRevoked()).isFalse();
		// The successor handed out twice still works, once.
		assertThat(this.rotator.rotate(request(first.successor().value(), GRACE))).isInstanceOf(Rotated.class);
	}

	@Test
	void rotateWhenGraceWindowThenStoresSuccessorOnlyAsCiphertext() {
		Started started = this.fixture.start(GRACE);
		String successor = successorOf(this.rotator.rotate(request(started.token(), GRACE)));

		byte[] ciphertext = this.fixture.token(started.token()).successorCiphertext();

		assertThat(ciphertext).isNotNull();
		assertThat(new String(ciphertext, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(successor);
		assertThat(this.fixture.token(started.token()).successorExpiresAt()).as("until delivery is confirmed")
			.isEqualTo(Instant.parse("2026-01-01T00:05:00Z"));
		this.fixture.delivered(started.token(), GRACE);
		assertThat(this.fixture.db.jdbc()
			.queryForObject("SELECT successor_expires_at FROM refresh_token WHERE token_hash = ?",
					java.time.LocalDateTime.class, (Object) TokenHash.of(started.token()).bytes()))
			.isEqualTo(java.time.LocalDateTime.parse("2026-01-01T00:00:15"));
	}

	@Test
	void rotateWhenRetriedAtEndOfGraceWindowThenDetectsReuse() {
		Started started = this.fixture.start(GRACE);
		this.rotator.rotate(request(started.token(), GRACE));
		this.fixture.delivered(started.token(), GRACE);
		this.fixture.clock.advance(GRACE.graceWindow());

		RotationOutcome outcome = this.rotator.rotate(request(started.token(), GRACE));

		assertThat(outcome).isInstanceOf(ReuseDetected.class);
		assertThat(this.fixture.family(started.family().id()).revokedReason())
			.isEqualTo(RevocationReason.REUSE_DETECTED);
	}

	@Test
	void rotateWhenRetriedWithinGraceWindowButSuccessorUsedThenDetectsReuse() {
		Started started = this.fixture.start(GRACE);
		String successor = successorOf(this.rotator.rotate(request(started.token(), GRACE)));
		this.fixture.clock.advance(Duration.ofSeconds(2));
		this.rotator.rotate(request(successor, GRACE));
		this.fixture.clock.advance(Duration.ofSeconds(2));

		RotationOutcome outcome = this.rotator.rotate(request(started.token(), GRACE));

		assertThat(outcome).isInstanceOf(ReuseDetected.class);
		assertThat(this.fixture.family(started.family().id()).isRevoked()).isTrue();
	}

	@Test
	void rotateWhenRetriedWithinGraceWindowButCiphertextErasedThenDetectsReuse() {
		Started started = this.fixture.start(GRACE);
		this.rotator.rotate(request(started.token(), GRACE));
		this.fixture.tokens.eraseExpiredSuccessors(this.fixture.clock.instant().plus(Duration.ofMinutes(10)));
		this.fixture.clock.advance(Duration.ofSeconds(1));

		assertThat(this.rotator.rotate(request(started.token(), GRACE))).isInstanceOf(ReuseDetected.class);
	}

	@Test
	void rotateWhenRetriedWithinGraceWindowWithWiderScopeThenScopeExceededAndFamilyStands() {
		Started started = this.fixture.start(GRACE);
		this.rotator.rotate(request(started.token(), GRACE));

		RotationOutcome outcome = this.rotator.rotate(
				new RefreshRequest(started.token(), MOBILE, GRACE, Set.of("notes.read", "admin"), Set.of(), ORIGIN));

		assertThat(outcome).isInstanceOf(ScopeExceeded.class);
		assertThat(this.fixture.family(started.family().id()).isRevoked()).isFalse();
	}

	// Rule 4: expiry

	@Test
	void rotateWhenIdleLifetimeAlmostOverThenRotated() {
		Started started = this.fixture.start(STRICT);
		this.fixture.clock.advance(Duration.ofDays(14).minusSeconds(1));

		assertThat(this.rotator.rotate(request(started.token(), STRICT))).isInstanceOf(Rotated.class);
	}

	@Test
	void rotateWhenIdleLifetimeOverThenExpiredAndNotConsumed() {
		Started started = this.fixture.start(STRICT);
		this.fixture.clock.advance(Duration.ofDays(14));

		RotationOutcome outcome = this.rotator.rotate(request(started.token(), STRICT));

		assertThat(outcome).isInstanceOf(Expired.class);
		assertThat(this.fixture.consumedAt(started.token())).isNull();
		assertThat(this.fixture.family(started.family().id()).isRevoked()).isFalse();
	}

	@Test
	void rotateWhenNearAbsoluteExpiryThenSuccessorExpiryIsCappedAndFamilyExpiryUnchanged() {
		RefreshPolicy policy = new RefreshPolicy(Duration.ofDays(14), Duration.ofDays(30), Duration.ZERO);
		Started started = this.fixture.start(policy);
		Instant absoluteExpiry = started.family().absoluteExpiresAt();
		assertThat(absoluteExpiry).isEqualTo(this.fixture.clock.instant().plus(Duration.ofDays(30)));
		this.fixture.clock.advance(Duration.ofDays(10));
		Rotated first = (Rotated) this.rotator.rotate(request(started.token(), policy));
		this.fixture.clock.advance(Duration.ofDays(10));

		Rotated second = (Rotated) this.rotator.rotate(request(first.successor().value(), policy));

		assertThat(first.successor().expiresAt()).isEqualTo(absoluteExpiry.minus(Duration.ofDays(6)));
		assertThat(second.successor().expiresAt()).isEqualTo(absoluteExpiry);
		assertThat(this.fixture.family(started.family().id()).absoluteExpiresAt()).isEqualTo(absoluteExpiry);
	}

	@Test
	void rotateWhenAbsoluteLifetimeOverThenExpiredEvenIfTokenIsFresh() {
		RefreshPolicy policy = new RefreshPolicy(Duration.ofDays(14), Duration.ofDays(30), Duration.ZERO);
		Started started = this.fixture.start(policy);
		String token = started.token();
		for (int day = 0; day < 3; day++) {
			this.fixture.clock.advance(Duration.ofDays(10));
			if (day < 2) {
				token = successorOf(this.rotator.rotate(request(token, policy)));
			}
		}

		RotationOutcome outcome = this.rotator.rotate(request(token, policy));

		assertThat(outcome).isInstanceOf(Expired.class);
		assertThat(this.fixture.consumedAt(token)).isNull();
	}

	@Test
	void rotateWhenFamilyExpiredButStoredTokenExpiryLaterThenExpired() {
		// A client whose absolute lifetime was shortened after the token was issued.
		Started started = this.fixture.start(STRICT);
		this.fixture.db.jdbc()
			.update("UPDATE token_family SET absolute_expires_at = ? WHERE id = ?",
					java.time.LocalDateTime.parse("2026-01-02T00:00:00"), started.family().id());
		this.fixture.clock.advance(Duration.ofDays(1));

		assertThat(this.rotator.rotate(request(started.token(), STRICT))).isInstanceOf(Expired.class);
	}

	// Rule 5: bound to its client, scopes and resources only narrow

	@Test
	void rotateWhenPresentedByAnotherClientThenClientMismatchAndTokenStaysUnconsumed() {
		Started started = this.fixture.start(STRICT);

		RotationOutcome outcome = this.rotator.rotate(request(started.token(), WEB, STRICT));

		assertThat(outcome).isInstanceOf(ClientMismatch.class);
		assertThat(this.fixture.consumedAt(started.token())).isNull();
		assertThat(this.fixture.family(started.family().id()).isRevoked()).isFalse();
		assertThat(this.rotator.rotate(request(started.token(), STRICT))).isInstanceOf(Rotated.class);
	}

	@Test
	void rotateWhenUserDisabledInTheDatabaseThenUserDisabledAndTokenStaysUnconsumed() {
		Started started = this.fixture.start(GRACE);
		this.fixture.db.jdbc().update("UPDATE user_account SET enabled = FALSE WHERE id = ?", RefreshFixture.USER);

		RotationOutcome outcome = this.rotator.rotate(request(started.token(), GRACE));

		assertThat(outcome).isInstanceOf(RotationOutcome.UserDisabled.class);
		assertThat(this.fixture.consumedAt(started.token())).isNull();
		assertThat(this.fixture.family(started.family().id()).isRevoked()).isFalse();
		this.fixture.db.jdbc().update("UPDATE user_account SET enabled = TRUE WHERE id = ?", RefreshFixture.USER);
		assertThat(this.rotator.rotate(request(started.token(), GRACE))).isInstanceOf(Rotated.class);
	}

	@Test
	void rotateWhenConsumedTokenOfDisabledUserRetriedWithinGraceThenUserDisabled() {
		Started started = this.fixture.start(GRACE);
		assertThat(this.rotator.rotate(request(started.token(), GRACE))).isInstanceOf(Rotated.class);
		this.fixture.db.jdbc().update("UPDATE user_account SET enabled = FALSE WHERE id = ?", RefreshFixture.USER);

		assertThat(this.rotator.rotate(request(started.token(), GRACE)))
			.isInstanceOf(RotationOutcome.UserDisabled.class);
	}

	@Test
	void rotateWhenUserDeletedAndUsernameTakenByAnotherAccountThenUserDisabled() {
		Started started = this.fixture.start(STRICT);
		this.fixture.db.jdbc().update("DELETE FROM user_account WHERE id = ?", RefreshFixture.USER);
		this.fixture.db.jdbc()
			.update("INSERT INTO user_account (id, username, display_name, password_hash, "
					+ "enabled, created_at) VALUES ('another-account-id', 'alice', 'New Alice', '{noop}x', TRUE, "
					+ "CURRENT_TIMESTAMP(6))");

		RotationOutcome outcome = this.rotator.rotate(request(started.token(), STRICT));

		assertThat(outcome).isInstanceOf(RotationOutcome.UserDisabled.class);
		assertThat(this.fixture.consumedAt(started.token())).isNull();
	}

	@Test
	void rotateWhenConsumedTokenPresentedByAnotherClientThenClientMismatchAndFamilyStands() {
		Started started = this.fixture.start(STRICT);
		this.rotator.rotate(request(started.token(), STRICT));

		assertThat(this.rotator.rotate(request(started.token(), WEB, STRICT))).isInstanceOf(ClientMismatch.class);
		assertThat(this.fixture.family(started.family().id()).isRevoked()).isFalse();
	}

	@Test
	void rotateWhenScopesNarrowedThenRotated() {
		Started started = this.fixture.start(STRICT);

		RotationOutcome outcome = this.rotator
			.rotate(new RefreshRequest(started.token(), MOBILE, STRICT, Set.of("notes.read"), Set.of(), ORIGIN));

		assertThat(outcome).isInstanceOf(Rotated.class);
		// Narrowing one access token does not narrow the family.
		assertThat(this.fixture.family(started.family().id()).scopes()).isEqualTo(RefreshFixture.SCOPES);
	}

	@Test
	void rotateWhenScopesWidenedThenScopeExceededAndTokenStaysUnconsumed() {
		Started started = this.fixture.start(STRICT);

		RotationOutcome outcome = this.rotator.rotate(new RefreshRequest(started.token(), MOBILE, STRICT,
				Set.of("notes.read", "baton.admin"), Set.of(), ORIGIN));

		assertThat(outcome).isInstanceOf(ScopeExceeded.class);
		assertThat(this.fixture.consumedAt(started.token())).isNull();
	}

	@Test
	void rotateWhenResourcesNarrowedThenRotated() {
		Started started = this.fixture.start(STRICT);

		RotationOutcome outcome = this.rotator
			.rotate(new RefreshRequest(started.token(), MOBILE, STRICT, Set.of(), Set.of(API), ORIGIN));

		assertThat(outcome).isInstanceOf(Rotated.class);
	}

	@Test
	void rotateWhenResourceOutsideGrantThenResourceNotGrantedAndTokenStaysUnconsumed() {
		Started started = this.fixture.start(STRICT);

		RotationOutcome outcome = this.rotator
			.rotate(new RefreshRequest(started.token(), MOBILE, STRICT, Set.of(), Set.of(API, OTHER_API), ORIGIN));

		assertThat(outcome).isInstanceOf(ResourceNotGranted.class);
		assertThat(this.fixture.consumedAt(started.token())).isNull();
	}

	// Rule 6 and the rest

	@Test
	void rotateWhenFamilyRevokedThenFamilyRevokedAndTokenStaysUnconsumed() {
		Started started = this.fixture.start(STRICT);
		this.fixture.familyService.revoke(started.family(), RevocationReason.SIGNED_OUT, ORIGIN);

		RotationOutcome outcome = this.rotator.rotate(request(started.token(), STRICT));

		assertThat(outcome).isInstanceOf(FamilyRevoked.class);
		assertThat(this.fixture.consumedAt(started.token())).isNull();
		assertThat(this.fixture.family(started.family().id()).revokedReason()).isEqualTo(RevocationReason.SIGNED_OUT);
	}

	@Test
	void rotateWhenConsumedTokenOfRevokedFamilyPresentedThenFamilyRevokedWithoutSecondAudit() {
		Started started = this.fixture.start(STRICT);
		this.rotator.rotate(request(started.token(), STRICT));
		this.rotator.rotate(request(started.token(), STRICT));

		assertThat(this.rotator.rotate(request(started.token(), STRICT))).isInstanceOf(FamilyRevoked.class);
		assertThat(this.fixture.auditTypes(started.family().id()))
			.filteredOn((type) -> type == AuditEventType.REFRESH_TOKEN_REUSE_DETECTED)
			.hasSize(1);
	}

	@Test
	void rotateWhenTokenUnknownThenUnknown() {
		this.fixture.start(STRICT);

		assertThat(this.rotator.rotate(request("never-issued", STRICT))).isInstanceOf(Unknown.class);
	}

	@Test
	void rotateWhenOtherFamilyReusedThenThisFamilyStands() {
		Started victim = this.fixture.start(STRICT);
		Started other = this.fixture.start(STRICT);
		this.rotator.rotate(request(other.token(), STRICT));
		this.rotator.rotate(request(other.token(), STRICT));

		assertThat(this.fixture.family(other.family().id()).isRevoked()).isTrue();
		assertThat(this.rotator.rotate(request(victim.token(), STRICT))).isInstanceOf(Rotated.class);
	}

	private static String successorOf(RotationOutcome outcome) {
		assertThat(outcome).isInstanceOf(Rotated.class);
		return ((Rotated) outcome).successor().value();
	}

}
