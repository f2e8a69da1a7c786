package dev.baton.auth.keys;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.baton.auth.audit.AuditEvent;
import dev.baton.auth.audit.AuditEventRepository;
import dev.baton.auth.audit.AuditEventType;
import dev.baton.auth.audit.AuditLog;
import dev.baton.auth.client.Client;
import dev.baton.auth.client.ClientRepository;
import dev.baton.auth.client.JdbcClientRepository;
import dev.baton.auth.support.RequestOrigin;
import dev.baton.auth.testsupport.AtOnce;
import dev.baton.auth.testsupport.InMemoryDatabase;
import dev.baton.auth.testsupport.MutableClock;
import dev.baton.auth.token.TokenProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.transaction.support.TransactionOperations;

import static org.assertj.core.api.Assertions.assertThat;

class SigningKeyRotationTests {

	private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

	private static final Duration PUBLISH_LEAD = Duration.ofMinutes(10);

	private static final Duration CHECK_INTERVAL = Duration.ofHours(1);

	private static final Duration ACCESS_TOKEN_TTL = Duration.ofMinutes(5);

	private static final Duration ID_TOKEN_TTL = Duration.ofMinutes(30);

	private final MutableClock clock = new MutableClock(START);

	private final InMemorySigningKeyRepository repository = new InMemorySigningKeyRepository();

	private final InMemoryDatabase db = InMemoryDatabase.migrated();

	private final ClientRepository clients = new JdbcClientRepository(this.db.jdbc());

	private final List<AuditEvent> auditEvents = new ArrayList<>();

	private SigningKeySet keySet;

	@BeforeEach
	void firstKey() {
		this.keySet = new SigningKeySet(this.repository,
				TestSigningKeyProperties.of(SigningAlgorithm.ES256, null, null, Duration.ofMinutes(1)), this.clock);
		this.keySet.ensureSigningKey();
	}

	@AfterEach
	void shutdown() {
		this.db.shutdown();
	}

	@Test
	void rotateWhenKeySignsThenNewKeyIsPublishedAtOnceButSignsOnlyAfterThePublishLead() {
		SigningKey first = this.keySet.activeKey();

		KeyRotationOutcome.Rotated rotated = (KeyRotationOutcome.Rotated) rotation(Duration.ofDays(30))
			.rotate("demo-admin", RequestOrigin.UNKNOWN);

		SigningKey next = rotated.newKey();
		assertThat(next.activatesAt()).isEqualTo(START.plus(PUBLISH_LEAD));
		assertThat(this.keySet.publishedKeys()).extracting(SigningKey::kid).containsExactly(next.kid(), first.kid());
		assertThat(this.keySet.activeKey().kid()).isEqualTo(first.kid());

		this.clock.advance(PUBLISH_LEAD.minusSeconds(1));
		assertThat(this.keySet.activeKey().kid()).isEqualTo(first.kid());

		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.keySet.activeKey().kid()).isEqualTo(next.kid());
	}

	@Test
	void rotateWhenKeySignsThenPreviousStaysPublishedUntilTheLongestTokenItSignedHasExpired() {
		SigningKey first = this.keySet.activeKey();

		KeyRotationOutcome.Rotated rotated = (KeyRotationOutcome.Rotated) rotation(Duration.ofDays(30))
			.rotate("demo-admin", RequestOrigin.UNKNOWN);

		Instant retiresAt = START.plus(PUBLISH_LEAD);
		Instant unpublishAt = retiresAt.plus(ID_TOKEN_TTL).plus(TokenLifetimeBound.VERIFIER_CLOCK_SKEW);
		assertThat(rotated.previousKey().kid()).isEqualTo(first.kid());
		assertThat(rotated.previousKey().retiresAt()).isEqualTo(retiresAt);
		assertThat(rotated.previousUnpublishAt()).isEqualTo(unpublishAt);

		this.clock.advance(Duration.between(START, unpublishAt).minusSeconds(1));
		this.keySet.reload();
		assertThat(this.keySet.publishedKeys()).extracting(SigningKey::kid).contains(first.kid());
		this.clock.advance(Duration.ofSeconds(1));
		this.keySet.reload();
		assertThat(this.keySet.publishedKeys()).extracting(SigningKey::kid).doesNotContain(first.kid());
	}

	@Test
	void rotateWhenAClientOverridesAccessTokenLifetimeBeyondTheDefaultsThenPreviousStaysPublishedForIt() {
		this.clients
			.insert(Client.withClientId("slow-batch").accessTokenTtl(Duration.ofHours(2)).createdAt(START).build());

		KeyRotationOutcome.Rotated rotated = (KeyRotationOutcome.Rotated) rotation(Duration.ofDays(30))
			.rotate("demo-admin", RequestOrigin.UNKNOWN);

		assertThat(rotated.previousUnpublishAt())
			.isEqualTo(START.plus(PUBLISH_LEAD).plus(Duration.ofHours(2)).plus(TokenLifetimeBound.VERIFIER_CLOCK_SKEW));
	}

	@Test
	void rotateWhenAnotherRotationRetiredTheNewestKeyFirstThenSupersededAndNothingWritten() {
		this.repository.loseNextRetireRace = true;

		KeyRotationOutcome outcome = rotation(Duration.ofDays(30)).rotate("demo-admin", RequestOrigin.UNKNOWN);

		assertThat(outcome).isInstanceOf(KeyRotationOutcome.Superseded.class);
		assertThat(this.repository.all()).hasSize(1);
		assertThat(this.auditEvents).isEmpty();
	}

	@Test
	void rotateWhenRotatedThenAuditedWithActorAndKeyIds() {
		SigningKey first = this.keySet.activeKey();

		KeyRotationOutcome.Rotated rotated = (KeyRotationOutcome.Rotated) rotation(Duration.ofDays(30))
			.rotate("demo-admin", RequestOrigin.UNKNOWN);

		assertThat(this.auditEvents).singleElement().satisfies((event) -> {
			assertThat(event.type()).isEqualTo(AuditEventType.SIGNING_KEY_ROTATED);
			assertThat(event.subject()).isEqualTo("demo-admin");
			assertThat(event.detail()).isEqualTo("kid=" + rotated.newKey().kid() + " previous=" + first.kid());
		});
	}

	@Test
	void rotateWhenEarlierRotationStillPendingThenPendingAndNothingWritten() {
		SigningKeyRotation rotation = rotation(Duration.ofDays(30));
		SigningKey second = ((KeyRotationOutcome.Rotated) rotation.rotate("demo-admin", RequestOrigin.UNKNOWN))
			.newKey();
		this.clock.advance(PUBLISH_LEAD.minusSeconds(1));

		KeyRotationOutcome outcome = rotation.rotate("demo-admin", RequestOrigin.UNKNOWN);

		assertThat(outcome).isEqualTo(new KeyRotationOutcome.Pending(second));
		assertThat(this.repository.all()).hasSize(2);
		assertThat(this.auditEvents).hasSize(1);
	}

	@Test
	void rotateWhenPendingKeyHasActivatedThenRotatesAgainAndEveryKeySignsBeforeItRetires() {
		SigningKeyRotation rotation = rotation(Duration.ofDays(30));
		SigningKey second = ((KeyRotationOutcome.Rotated) rotation.rotate("demo-admin", RequestOrigin.UNKNOWN))
			.newKey();
		this.clock.advance(PUBLISH_LEAD);

		KeyRotationOutcome.Rotated third = (KeyRotationOutcome.Rotated) rotation.rotate("demo-admin",
				RequestOrigin.UNKNOWN);

		assertThat(third.previousKey().kid()).isEqualTo(second.kid());
		assertThat(third.previousKey().retiresAt()).isEqualTo(third.newKey().activatesAt())
			.isAfter(second.activatesAt());
		assertThat(this.repository.all()).allSatisfy((key) -> {
			if (key.retiresAt() != null) {
				assertThat(key.retiresAt()).isAfter(key.activatesAt());
			}
		});
	}

	@Test
	void rotateWhenTwentyAdminsRotateAtOnceThenExactlyOneRotationAndTheOthersPendingOrSuperseded() throws Exception {
		SigningKeyRotation rotation = rotation(Duration.ofDays(30));
		List<KeyRotationOutcome> outcomes = AtOnce.run(20, () -> rotation.rotate("demo-admin", RequestOrigin.UNKNOWN));

		assertThat(outcomes).filteredOn(KeyRotationOutcome.Rotated.class::isInstance).hasSize(1);
		assertThat(outcomes).filteredOn((outcome) -> !(outcome instanceof KeyRotationOutcome.Rotated))
			.hasSize(19)
			.allSatisfy((outcome) -> assertThat(outcome).isInstanceOfAny(KeyRotationOutcome.Pending.class,
					KeyRotationOutcome.Superseded.class));
		assertThat(this.repository.all()).hasSize(2);
	}

	@Test
	void rotateIfDueWhenNewestKeyYoungerThanThePeriodThenNothing() {
		this.clock.advance(Duration.ofDays(30).minus(PUBLISH_LEAD).minus(CHECK_INTERVAL).minusSeconds(1));

		Optional<KeyRotationOutcome> outcome = rotation(Duration.ofDays(30)).rotateIfDue();

		assertThat(outcome).isEmpty();
		assertThat(this.repository.all()).hasSize(1);
	}

	@Test
	void rotateIfDueWhenNewestKeyHasSignedForThePeriodLessLeadAndCheckIntervalThenSuccessorSignsOnePeriodLater() {
		SigningKeyRotation rotation = rotation(Duration.ofDays(30));
		SigningKey first = this.keySet.activeKey();
		this.clock.advance(Duration.ofDays(30).minus(PUBLISH_LEAD).minus(CHECK_INTERVAL));

		Optional<KeyRotationOutcome> outcome = rotation.rotateIfDue();

		assertThat(outcome).containsInstanceOf(KeyRotationOutcome.Rotated.class);
		SigningKey next = ((KeyRotationOutcome.Rotated) outcome.get()).newKey();
		assertThat(next.activatesAt()).isEqualTo(first.activatesAt().plus(Duration.ofDays(30)));
		assertThat(rotation.rotateIfDue()).isEmpty();
		assertThat(this.repository.all()).hasSize(2);
	}

	@Test
	void rotateIfDueWhenCheckedLateThenSuccessorSignsOneLeadAfterTheCheck() {
		SigningKeyRotation rotation = rotation(Duration.ofDays(30));
		this.clock.advance(Duration.ofDays(31));

		SigningKey next = ((KeyRotationOutcome.Rotated) rotation.rotateIfDue().orElseThrow()).newKey();

		assertThat(next.activatesAt()).isEqualTo(this.clock.instant().plus(PUBLISH_LEAD));
	}

	@Test
	void rotateIfDueWhenTwoNodesCheckEveryHourForTwentyPeriodsThenOneRotationPerPeriodOnTheSchedule() {
		Duration period = Duration.ofDays(1);
		SigningKeyRotation nodeA = rotation(period);
		SigningKeyRotation nodeB = rotation(period);
		Instant firstActivation = this.keySet.activeKey().activatesAt();
		int rotations = 0;
		for (int hour = 0; hour < 20 * 24; hour++) {
			this.clock.advance(CHECK_INTERVAL);
			rotations += nodeA.rotateIfDue().filter(KeyRotationOutcome.Rotated.class::isInstance).isPresent() ? 1 : 0;
			rotations += nodeB.rotateIfDue().filter(KeyRotationOutcome.Rotated.class::isInstance).isPresent() ? 1 : 0;
		}

		assertThat(rotations).isEqualTo(20);
		List<Instant> activations = this.repository.all().stream().map(SigningKey::activatesAt).sorted().toList();
		for (int n = 0; n <= 20; n++) {
			assertThat(activations.get(n)).isEqualTo(firstActivation.plus(period.multipliedBy(n)));
		}
	}

	@Test
	void rotateIfDueWhenPeriodZeroThenScheduleIsOff() {
		this.clock.advance(Duration.ofDays(3650));

		assertThat(rotation(Duration.ZERO).rotateIfDue()).isEmpty();
		assertThat(this.repository.all()).hasSize(1);
	}

	private SigningKeyRotation rotation(Duration period) {
		AuditEventRepository audit = new AuditEventRepository() {
			@Override
			public void insert(AuditEvent event) {
				SigningKeyRotationTests.this.auditEvents.add(event);
			}

			@Override
			public List<AuditEvent> findByFamilyId(String familyId) {
				return List.of();
			}

			@Override
			public int anonymizeSubject(String subjectId, String username) {
				return 0;
			}

			@Override
			public dev.baton.auth.audit.AuditEventPage find(dev.baton.auth.audit.AuditEventQuery query) {
				throw new UnsupportedOperationException();
			}

			@Override
			public int deleteOccurredBefore(java.time.Instant before, int limit) {
				throw new UnsupportedOperationException();
			}
		};
		TokenLifetimeBound bound = new TokenLifetimeBound(
				new TokenProperties(ACCESS_TOKEN_TTL, Duration.ofMinutes(5), ID_TOKEN_TTL), this.clients);
		return new SigningKeyRotation(this.repository, this.keySet, bound,
				TestSigningKeyProperties.withRotation(period, PUBLISH_LEAD, CHECK_INTERVAL),
				TransactionOperations.withoutTransaction(), new AuditLog(audit, this.clock), this.clock);
	}

}
