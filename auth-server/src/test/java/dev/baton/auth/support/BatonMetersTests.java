package dev.baton.auth.support;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BatonMetersTests {

	@Test
	void everyMeterWhenRegisteredThenHasDescriptionBaseUnitAndBatonPrefix() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		BatonMeters meters = new BatonMeters(registry);

		meters.refreshOutcome("rotated").increment();
		meters.refreshReuseDetected();
		meters.familyRevoked("REUSE_DETECTED");
		meters.keyRotated();
		meters.signInFailed("BAD_CREDENTIALS");
		meters.signInLockedOut();
		meters.cleanupRows("token_families", 3);

		assertThat(registry.getMeters()).hasSize(7).allSatisfy((meter) -> {
			Meter.Id id = meter.getId();
			assertThat(id.getName()).startsWith("baton.");
			assertThat(id.getDescription()).isNotBlank();
			assertThat(id.getBaseUnit()).isNotBlank();
		});
		assertThat(registry.get("baton.token.family.revocations").tag("reason", "reuse_detected").counter().count())
			.isEqualTo(1);
		assertThat(registry.get("baton.cleanup.rows").tag("kind", "token_families").counter().count()).isEqualTo(3);
	}

}
