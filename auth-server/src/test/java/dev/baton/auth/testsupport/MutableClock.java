package dev.baton.auth.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The application's clock in HTTP tests: the system clock shifted by an offset that a test moves forward to reach
 * an expiry without waiting. Tests that move it call {@link #reset()} when done, since contexts are shared.
 */
public final class MutableClock extends Clock {

	private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

	private final AtomicReference<Instant> frozenAt = new AtomicReference<>();

	@Override
	public Instant instant() {
		Instant frozen = this.frozenAt.get();
		return ((frozen != null) ? frozen : Instant.now()).plus(this.offset.get());
	}

	/**
	 * Stops the clock where it is (only {@link #advance} moves it then), for tests whose values depend on which
	 * interval "now" falls in, such as TOTP codes of a 30-second step; {@link #reset()} lets it run again.
	 */
	public void freeze() {
		this.frozenAt.set(Instant.now());
	}

	public void advance(Duration duration) {
		this.offset.accumulateAndGet(duration, Duration::plus);
	}

	public void reset() {
		this.frozenAt.set(null);
		this.offset.set(Duration.ZERO);
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException("Baton's clock is UTC");
	}

}
