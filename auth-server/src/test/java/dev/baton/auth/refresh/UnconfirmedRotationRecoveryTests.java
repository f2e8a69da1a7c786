package dev.baton.auth.refresh;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import dev.baton.auth.crypto.TokenHash;
import dev.baton.auth.refresh.RefreshFixture.Started;
import dev.baton.auth.refresh.RefreshTokenRepository.TokenWithFamily;
import dev.baton.auth.refresh.RotationOutcome.RecoveredUnconfirmed;
import dev.baton.auth.refresh.RotationOutcome.RetriedWithinGrace;
import dev.baton.auth.refresh.RotationOutcome.ReuseDetected;
import dev.baton.auth.refresh.RotationOutcome.Rotated;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import static dev.baton.auth.refresh.RefreshFixture.GRACE;
import static dev.baton.auth.refresh.RefreshFixture.STRICT;
import static dev.baton.auth.refresh.RefreshFixture.WEB;
import static dev.baton.auth.refresh.RefreshFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * DESIGN rule 7, branch by branch, with a movable clock: a replay of a consumed token
 * whose rotation was never confirmed as delivered gets the same successor back from
 * {@code recovery-delay} (2 s) to {@code recovery-window} (5 min) after the rotation
 * while the successor is unused; everything else stays reuse. Without an HTTP request
 * (most tests here) nothing is tracked in flight, as on a node that crashed after COMMIT.
 */
class UnconfirmedRotationRecoveryTests {

	private static final Duration DELAY = RefreshFixture.RECOVERY.recoveryDelay();

	private static final Duration WINDOW = RefreshFixture.RECOVERY.recoveryWindow();

	private RefreshFixture fixture = new RefreshFixture();

	private final MockHttpServletRequest httpRequest = new MockHttpServletRequest("POST", "/oauth2/token");

	@BeforeEach
	void noRequest() {
		RequestContextHolder.resetRequestAttributes();
	}

	@AfterEach
	void shutdown() {
		RequestContextHolder.resetRequestAttributes();
		this.fixture.db.shutdown();
	}

	@Test
	void rotateWhenStrictRotationUnconfirmedAndRetriedAfterTheDelayThenSameSuccessorAndFamilyGoesOn() {
		Started started = this.fixture.start(WEB, STRICT);
		Rotated lost = (Rotated) rotate(started.token(), STRICT);
		this.fixture.clock.advance(DELAY);

		RotationOutcome retry = rotate(started.token(), STRICT);

		assertThat(retry).isInstanceOf(RecoveredUnconfirmed.class);
		RecoveredUnconfirmed recovered = (RecoveredUnconfirmed) retry;
		assertThat(recovered.successor()).isEqualTo(lost.successor());
		assertThat(this.fixture.family(started.family().id()).isRevoked()).isFalse();
		assertThat(this.fixture.tokenCount(started.family().id())).as("no new token for a recovery").isEqualTo(2);
		assertThat(rotate(lost.successor().value(), STRICT)).isInstanceOf(Rotated.class);
	}

	@Test
	void rotateWhenRecoveredSuccessorUsedThenTheConsumedTokenIsReuseAgain() {
		Started started = this.fixture.start(WEB, STRICT);
		Rotated lost = (Rotated) rotate(started.token(), STRICT);
		this.fixture.clock.advance(DELAY);
		rotate(started.token(), STRICT);
		rotate(lost.successor().value(), STRICT);

		assertThat(rotate(started.token(), STRICT)).isInstanceOf(ReuseDetected.class);
		assertThat(this.fixture.family(started.family().id()).revokedReason())
			.isEqualTo(RevocationReason.REUSE_DETECTED);
	}

	@Test
	void rotateWhenRetriedBeforeTheDelayThenReuseRevokesFamily() {
		Started started = this.fixture.start(WEB, STRICT);
		rotate(started.token(), STRICT);
		this.fixture.clock.advance(DELAY.minusMillis(1));

		assertThat(rotate(started.token(), STRICT)).isInstanceOf(ReuseDetected.class);
		assertThat(this.fixture.family(started.family().id()).isRevoked()).isTrue();
	}

	@Test
	void rotateWhenRetriedAtTheEndOfTheWindowThenReuseRevokesFamily() {
		Started started = this.fixture.start(WEB, STRICT);
		rotate(started.token(), STRICT);
		this.fixture.clock.advance(WINDOW);

		assertThat(rotate(started.token(), STRICT)).isInstanceOf(ReuseDetected.class);
		assertThat(this.fixture.family(started.family().id()).isRevoked()).isTrue();
	}

	@Test
	void rotateWhenRetriedJustBeforeTheEndOfTheWindowThenRecovered() {
		Started started = this.fixture.start(WEB, STRICT);
		rotate(started.token(), STRICT);
		this.fixture.clock.advance(WINDOW.minusMillis(1));

		assertThat(rotate(started.token(), STRICT)).isInstanceOf(RecoveredUnconfirmed.class);
	}

	@Test
	void rotateWhenSuccessorAlreadyUsedThenReuseRevokesFamily() {
		Started started = this.fixture.start(WEB, STRICT);
		Rotated lost = (Rotated) rotate(started.token(), STRICT);
		this.fixture.clock.advance(Duration.ofSeconds(1));
		rotate(lost.successor().value(), STRICT);
		this.fixture.clock.advance(DELAY);

		assertThat(rotate(started.token(), STRICT)).isInstanceOf(ReuseDetected.class);
		assertThat(this.fixture.family(started.family().id()).isRevoked()).isTrue();
	}

	@Test
	void rotateWhenDeliveryConfirmedThenReuseRevokesFamily() {
		Started started = this.fixture.start(WEB, STRICT);
		rotate(started.token(), STRICT);
		this.fixture.delivered(started.token(), STRICT);
		this.fixture.clock.advance(DELAY);

		assertThat(rotate(started.token(), STRICT)).isInstanceOf(ReuseDetected.class);
		assertThat(this.fixture.family(started.family().id()).isRevoked()).isTrue();
	}

	@Test
	void rotateWhenResponseStillInFlightOnThisNodeThenReuseRevokesFamily() {
		Started started = this.fixture.start(WEB, STRICT);
		inRequest();
		rotate(started.token(), STRICT);
		this.fixture.clock.advance(DELAY);

		assertThat(rotate(started.token(), STRICT)).isInstanceOf(ReuseDetected.class);
	}

	@Test
	void rotateWhenResponseWrittenThenReuseBeforeAndAfterItsConfirmationIsFlushed() {
		Started started = this.fixture.start(WEB, STRICT);
		inRequest();
		rotate(started.token(), STRICT);
		this.fixture.deliveries.finished(this.httpRequest, true);
		this.fixture.clock.advance(DELAY);
		assertThat(this.fixture.deliveries.isPending(dev.baton.auth.crypto.TokenHash.of(started.token()))).isTrue();

		this.fixture.deliveries.flush();

		assertThat(this.fixture.deliveries.isPending(dev.baton.auth.crypto.TokenHash.of(started.token()))).isFalse();
		assertThat(this.fixture.token(started.token()).successorCiphertext()).as("strict: erased once delivered")
			.isNull();
		assertThat(rotate(started.token(), STRICT)).isInstanceOf(ReuseDetected.class);
	}

	/**
	 * The confirmation is written by the node's batch between the replay's read of the
	 * row (still unconfirmed) and its decision: the replay asked the node before it read,
	 * so it is reuse, not a recovery.
	 */
	@Test
	void rotateWhenConfirmationIsWrittenJustAfterTheReplayReadTheRowThenReuse() {
		AtomicReference<Runnable> afterRead = new AtomicReference<>();
		this.fixture.db.shutdown();
		this.fixture = new RefreshFixture((jdbc) -> new JdbcRefreshTokenRepository(jdbc) {
			@Override
			public Optional<TokenWithFamily> findWithFamily(TokenHash hash) {
				Optional<TokenWithFamily> found = super.findWithFamily(hash);
				Runnable hook = afterRead.getAndSet(null);
				if (hook != null) {
					hook.run();
				}
				return found;
			}
		});
		Started started = this.fixture.start(WEB, STRICT);
		inRequest();
		rotate(started.token(), STRICT);
		this.fixture.deliveries.finished(this.httpRequest, true);
		this.fixture.clock.advance(DELAY);
		afterRead.set(this.fixture.deliveries::flush);

		assertThat(rotate(started.token(), STRICT)).isInstanceOf(ReuseDetected.class);
	}

	@Test
	void rotateWhenResponseCouldNotBeWrittenThenRecoveredAfterTheDelay() {
		Started started = this.fixture.start(WEB, STRICT);
		inRequest();
		Rotated lost = (Rotated) rotate(started.token(), STRICT);
		this.fixture.deliveries.finished(this.httpRequest, false);
		this.fixture.deliveries.flush();
		this.fixture.clock.advance(DELAY);

		RotationOutcome retry = rotate(started.token(), STRICT);

		assertThat(retry).isInstanceOf(RecoveredUnconfirmed.class);
		assertThat(((RecoveredUnconfirmed) retry).successor().value()).isEqualTo(lost.successor().value());
	}

	@Test
	void rotateWhenGraceClientUnconfirmedAndRetriedAfterTheGraceWindowThenRecovered() {
		Started started = this.fixture.start(GRACE);
		Rotated lost = (Rotated) rotate(started.token(), GRACE);
		this.fixture.clock.advance(Duration.ofSeconds(1));
		assertThat(rotate(started.token(), GRACE)).isInstanceOf(RetriedWithinGrace.class);
		this.fixture.clock.advance(GRACE.graceWindow());

		RotationOutcome retry = rotate(started.token(), GRACE);

		assertThat(retry).isInstanceOf(RecoveredUnconfirmed.class);
		assertThat(((RecoveredUnconfirmed) retry).successor().value()).isEqualTo(lost.successor().value());
	}

	@Test
	void rotateWhenGraceClientConfirmedAndRetriedAfterTheGraceWindowThenReuse() {
		Started started = this.fixture.start(GRACE);
		rotate(started.token(), GRACE);
		this.fixture.delivered(started.token(), GRACE);
		this.fixture.clock.advance(GRACE.graceWindow());

		assertThat(rotate(started.token(), GRACE)).isInstanceOf(ReuseDetected.class);
	}

	@Test
	void rotateWhenRecoveryOffThenStrictClientKeepsNoCiphertextAndReplayIsReuse() {
		this.fixture.db.shutdown();
		this.fixture = new RefreshFixture(null, new RefreshTokenProperties(Duration.ofDays(14), Duration.ofDays(90),
				Duration.ZERO, Duration.ZERO, Duration.ZERO));
		Started started = this.fixture.start(WEB, STRICT);
		rotate(started.token(), STRICT);
		assertThat(this.fixture.token(started.token()).successorCiphertext()).isNull();
		this.fixture.clock.advance(DELAY);

		assertThat(rotate(started.token(), STRICT)).isInstanceOf(ReuseDetected.class);
	}

	private RotationOutcome rotate(String token, RefreshPolicy policy) {
		String clientId = policy.hasGraceWindow() ? RefreshFixture.MOBILE : WEB;
		return this.fixture.rotator.rotate(request(token, clientId, policy));
	}

	/**
	 * The next rotations happen while serving an HTTP request, as at the token endpoint.
	 */
	private void inRequest() {
		RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(this.httpRequest));
	}

}
