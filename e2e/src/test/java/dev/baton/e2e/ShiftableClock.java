package dev.baton.e2e;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The clock both applications share in the end-to-end tests: real time plus a shift that
 * only grows. Moving it forward lets a test watch tokens expire and keys activate without
 * waiting; it keeps ticking like a real clock.
 */
final class ShiftableClock extends Clock {

	private volatile Duration shift = Duration.ZERO;

	void advance(Duration duration) {
		this.shift = this.shift.plus(duration);
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

	@Override
	public Instant instant() {
		return Instant.now().plus(this.shift);
	}

}
