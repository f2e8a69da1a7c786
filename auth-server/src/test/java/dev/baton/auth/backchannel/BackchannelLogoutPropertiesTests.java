package dev.baton.auth.backchannel;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BackchannelLogoutPropertiesTests {

	private static BackchannelLogoutProperties properties(Duration first, Duration max, Duration lease) {
		return new BackchannelLogoutProperties(true, Duration.ofHours(24), first, max, Duration.ofSeconds(5), lease,
				Duration.ofMinutes(2), Duration.ofSeconds(2), Duration.ofSeconds(5), 100);
	}

	@Test
	void retryAfterWhenFailuresAccumulateThenDoublesUpToTheCap() {
		BackchannelLogoutProperties properties = properties(Duration.ofSeconds(5), Duration.ofMinutes(30),
				Duration.ofMinutes(1));

		assertThat(properties.retryAfter(1)).isEqualTo(Duration.ofSeconds(5));
		assertThat(properties.retryAfter(2)).isEqualTo(Duration.ofSeconds(10));
		assertThat(properties.retryAfter(3)).isEqualTo(Duration.ofSeconds(20));
		assertThat(properties.retryAfter(10)).isEqualTo(Duration.ofMinutes(30));
		assertThat(properties.retryAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(30));
	}

	@Test
	void constructorWhenLeaseNotLongerThanTimeoutsThenRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> properties(Duration.ofSeconds(5), Duration.ofMinutes(30), Duration.ofSeconds(7)))
			.withMessageContaining("claim-lease");
	}

	@Test
	void constructorWhenFirstRetryZeroThenRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> properties(Duration.ZERO, Duration.ofMinutes(30), Duration.ofMinutes(1)))
			.withMessageContaining("first-retry-after");
	}

}
