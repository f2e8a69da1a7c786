package dev.baton.auth.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that a test moves, in two kinds. {@link #MutableClock(Instant)} (or
 * {@link #startingAtNewYear()}) stands still at a fixed instant until the test
 * {@link #advance advances} or {@link #set sets} it: for unit and repository tests.
 * {@link #MutableClock()} is the application's clock in HTTP tests: the system clock
 * shifted by an offset that a test moves forward to reach an expiry without waiting;
 * tests that move it call {@link #reset()} when done, since contexts are shared.
 */
public final class MutableClock extends Clock {

	/** 2026-01-01T00:00:00Z, a fixed starting point. */
	private static final Instant NEW_YEAR = Instant.parse("2026-01-01T00:00:00Z");

	/**
	 * Where the clock stands ({@code null}: the system clock), and how far a test has
	 * moved it from there.
	 */
	private record Reading(Instant frozenAt, Duration offset) {

		Instant instant() {
			return ((this.frozenAt != null) ? this.frozenAt : Instant.now()).plus(this.offset);
		}

	}

	private final AtomicReference<Reading> reading;

	/** The system clock, until a test moves it. */
	public MutableClock() {
		this.reading = new AtomicReference<>(new Reading(null, Duration.ZERO));
	}

	/** Stands still at {@code now} until a test moves it. */
	public MutableClock(Instant now) {
		this.reading = new AtomicReference<>(new Reading(now, Duration.ZERO));
	}

	/** Stands still at 2026-01-01T00:00:00Z, a fixed starting point. */
	public static MutableClock startingAtNewYear() {
		return new MutableClock(NEW_YEAR);
	}

	@Override
	public Instant instant() {
		return this.reading.get().instant();
	}

	/**
	 * Stops the clock where it is (only {@link #advance} moves it then), for tests whose
	 * values depend on which interval "now" falls in, such as TOTP codes of a 30-second
	 * step; {@link #reset()} lets it run again.
	 */
	public void freeze() {
		this.reading.updateAndGet((current) -> new Reading(Instant.now(), current.offset()));
	}

	public void advance(Duration duration) {
		this.reading.updateAndGet((current) -> new Reading(current.frozenAt(), current.offset().plus(duration)));
	}

	/** Stands the clock still at {@code now}. */
	public void set(Instant now) {
		this.reading.set(new Reading(now, Duration.ZERO));
	}

	/** Back to the system clock, unmoved. */
	public void reset() {
		this.reading.set(new Reading(null, Duration.ZERO));
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		if (ZoneOffset.UTC.equals(zone.normalized())) {
			return this;
		}
		throw new UnsupportedOperationException("Baton's clock is UTC");
	}

}
