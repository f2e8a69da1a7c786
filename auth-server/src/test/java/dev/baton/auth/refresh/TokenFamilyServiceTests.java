package dev.baton.auth.refresh;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import dev.baton.auth.audit.AuditEvent;
import dev.baton.auth.audit.AuditEventType;
import dev.baton.auth.refresh.RefreshFixture.Started;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static dev.baton.auth.refresh.RefreshFixture.ORIGIN;
import static dev.baton.auth.refresh.RefreshFixture.STRICT;
import static dev.baton.auth.refresh.RefreshFixture.WEB;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * DESIGN rule 6 and the family's life: start, revoke with a reason, revoke all of a user.
 */
class TokenFamilyServiceTests {

	private final RefreshFixture fixture = new RefreshFixture();

	private final TokenFamilyService service = this.fixture.familyService;

	@AfterEach
	void shutdown() {
		this.fixture.db.shutdown();
	}

	@Test
	void startWhenCalledThenFamilyWithFirstTokenOfGenerationZeroAndAuditEvent() {
		Instant now = this.fixture.clock.instant();

		Started started = this.fixture
			.start(new RefreshPolicy(Duration.ofDays(14), Duration.ofDays(10), Duration.ZERO));

		TokenFamily family = this.fixture.family(started.family().id());
		assertThat(family.createdAt()).isEqualTo(now);
		assertThat(family.absoluteExpiresAt()).isEqualTo(now.plus(Duration.ofDays(10)));
		assertThat(family.scopes()).isEqualTo(RefreshFixture.SCOPES);
		RefreshToken first = this.fixture.token(started.token());
		assertThat(first.generation()).isZero();
		// Idle lifetime 14 days, but never beyond the family's 10.
		assertThat(first.expiresAt()).isEqualTo(family.absoluteExpiresAt());
		assertThat(this.fixture.auditEvents.findByFamilyId(family.id())).singleElement().satisfies((event) -> {
			assertThat(event.type()).isEqualTo(AuditEventType.TOKEN_FAMILY_CREATED);
			assertThat(event.ip()).isEqualTo(ORIGIN.ip());
			assertThat(event.userAgent()).isEqualTo(ORIGIN.userAgent());
		});
	}

	@Test
	void startWhenCalledThenStoresOnlyTheTokenHash() {
		Started started = this.fixture.start(STRICT);

		String dump = this.fixture.db.jdbc().queryForList("SCRIPT", String.class).stream().reduce("", String::concat);

		assertThat(dump).doesNotContain(started.token());
	}

	@Test
	void revokeWhenLiveThenRevokedWithReasonAndAuditedOnce() {
		Started started = this.fixture.start(STRICT);

		boolean first = this.service.revoke(started.family(), RevocationReason.ADMIN_REVOKED, ORIGIN);
		boolean second = this.service.revoke(started.family(), RevocationReason.SIGNED_OUT, ORIGIN);

		assertThat(first).isTrue();
		assertThat(second).isFalse();
		assertThat(this.fixture.family(started.family().id()).revokedReason())
			.isEqualTo(RevocationReason.ADMIN_REVOKED);
		assertThat(this.fixture.auditEvents.findByFamilyId(started.family().id()))
			.filteredOn((event) -> event.type() == AuditEventType.TOKEN_FAMILY_REVOKED)
			.extracting(AuditEvent::detail)
			.containsExactly("ADMIN_REVOKED");
		assertThat(this.service.isActive(started.family().id())).isFalse();
	}

	@Test
	void revokeAllOfWhenPasswordChangedThenEveryOtherSessionEnds() {
		Started current = this.fixture.start(STRICT);
		Started phone = this.fixture.start(STRICT);
		Started laptop = this.fixture.start(WEB, STRICT);

		int revoked = this.service.revokeAllOf("alice", current.family().id(), RevocationReason.PASSWORD_CHANGED,
				ORIGIN);

		assertThat(revoked).isEqualTo(2);
		assertThat(this.service.isActive(current.family().id())).isTrue();
		assertThat(this.service.isActive(phone.family().id())).isFalse();
		assertThat(this.fixture.family(laptop.family().id()).revokedReason())
			.isEqualTo(RevocationReason.PASSWORD_CHANGED);
		assertThat(this.fixture.rotator.rotate(RefreshFixture.request(phone.token(), STRICT)))
			.isInstanceOf(RotationOutcome.FamilyRevoked.class);
	}

	@Test
	void revokeAllOfWhenSignOutEverywhereThenNoSessionKept() {
		Started phone = this.fixture.start(STRICT);
		Started laptop = this.fixture.start(WEB, STRICT);

		assertThat(this.service.revokeAllOf("alice", null, RevocationReason.SIGNED_OUT_EVERYWHERE, ORIGIN))
			.isEqualTo(2);
		assertThat(this.service.isActive(phone.family().id())).isFalse();
		assertThat(this.service.isActive(laptop.family().id())).isFalse();
	}

	@Test
	void isActiveWhenAbsoluteExpiryReachedThenFalse() {
		Started started = this.fixture.start(STRICT);
		this.fixture.clock.advance(Duration.ofDays(90).minusSeconds(1));
		assertThat(this.service.isActive(started.family().id())).isTrue();

		this.fixture.clock.advance(Duration.ofSeconds(1));

		assertThat(this.service.isActive(started.family().id())).isFalse();
		assertThat(this.service.isActive("no-such-family")).isFalse();
	}

	@Test
	void startWhenFamilyScopesGivenThenKeptAsGranted() {
		Started started = this.fixture.start(STRICT);

		assertThat(this.fixture.family(started.family().id()).resources()).isEqualTo(Set.of(RefreshFixture.API));
	}

	@Test
	void everyRevokeMethodWhenItRevokesThenTellsTheListenerOfEachFamilyOnce() {
		java.util.List<String> told = new java.util.concurrent.CopyOnWriteArrayList<>();
		TokenFamilyService listening = this.fixture.db
			.transactional(new TokenFamilyService(this.fixture.familyRepository, this.fixture.tokens,
					this.fixture.auditLog, this.fixture.clock, (family, reason) -> told
						.add(family.id() + " " + family.clientId() + " " + family.subject() + " " + reason)));
		Started one = this.fixture.start(STRICT);
		Started web = this.fixture.start(WEB, STRICT);
		Started kept = this.fixture.start(STRICT);
		Started last = this.fixture.start(WEB, STRICT);

		listening.revoke(one.family(), RevocationReason.SIGNED_OUT, ORIGIN);
		listening.revoke(one.family(), RevocationReason.SIGNED_OUT, ORIGIN);
		listening.revoke(web.family(), RevocationReason.LOGGED_OUT, ORIGIN);
		listening.revoke(last.family(), RevocationReason.LOGGED_OUT, ORIGIN);
		listening.revokeAllOf(RefreshFixture.USER, null, RevocationReason.USER_DISABLED, ORIGIN);
		listening.revokeEveryFamilyOfClient(WEB, RevocationReason.CLIENT_DELETED, ORIGIN);

		assertThat(told).containsExactlyInAnyOrder(
				one.family().id() + " " + RefreshFixture.MOBILE + " " + RefreshFixture.USER + " SIGNED_OUT",
				web.family().id() + " " + WEB + " " + RefreshFixture.USER + " LOGGED_OUT",
				last.family().id() + " " + WEB + " " + RefreshFixture.USER + " LOGGED_OUT",
				kept.family().id() + " " + RefreshFixture.MOBILE + " " + RefreshFixture.USER + " USER_DISABLED");
	}

	@Test
	void revokeEveryFamilyOfClientWhenLiveThenTellsTheListener() {
		java.util.List<String> told = new java.util.concurrent.CopyOnWriteArrayList<>();
		TokenFamilyService listening = this.fixture.db.transactional(
				new TokenFamilyService(this.fixture.familyRepository, this.fixture.tokens, this.fixture.auditLog,
						this.fixture.clock, (family, reason) -> told.add(family.id() + " " + reason)));
		Started web = this.fixture.start(WEB, STRICT);

		listening.revokeEveryFamilyOfClient(WEB, RevocationReason.CLIENT_DELETED, ORIGIN);

		assertThat(told).containsExactly(web.family().id() + " CLIENT_DELETED");
	}

}
