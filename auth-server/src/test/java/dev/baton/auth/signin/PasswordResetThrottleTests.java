package dev.baton.auth.signin;

import java.util.List;

import dev.baton.auth.testsupport.InMemoryDatabase;
import dev.baton.auth.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The password-reset keys of {@link SignInThrottle}: per address (hashed) and per IP. */
class PasswordResetThrottleTests {

	private final InMemoryDatabase db = InMemoryDatabase.migrated();

	private final SignInThrottle throttle = TestSignInThrottles.throttle(this.db.jdbc(),
			MutableClock.startingAtNewYear());

	@AfterEach
	void shutdown() {
		this.db.shutdown();
	}

	@Test
	void attemptWhenThreeRequestsForOneAddressThenTheFourthIsLocked() {
		List<ThrottleKey> keys = List.of(ThrottleKey.passwordResetAddress("bob@example.com"));
		for (int i = 0; i < 3; i++) {
			assertThat(this.throttle.attempt(keys)).isInstanceOf(SignInThrottle.Attempt.Allowed.class);
		}

		assertThat(this.throttle.attempt(keys)).isInstanceOf(SignInThrottle.Attempt.Locked.class);
		assertThat(this.throttle.attempt(List.of(ThrottleKey.passwordResetAddress(" BOB@example.COM "))))
			.isInstanceOf(SignInThrottle.Attempt.Locked.class);
		assertThat(this.throttle.attempt(List.of(ThrottleKey.passwordResetAddress("carol@example.com"))))
			.isInstanceOf(SignInThrottle.Attempt.Allowed.class);
	}

	@Test
	void attemptWhenTwentyRequestsFromOneIpThenLockedWhateverTheAddress() {
		for (int i = 0; i < 20; i++) {
			assertThat(this.throttle.attempt(List.of(ThrottleKey.passwordResetAddress(i + "@example.com"),
					ThrottleKey.passwordResetIp("192.0.2.7"))))
				.isInstanceOf(SignInThrottle.Attempt.Allowed.class);
		}

		assertThat(this.throttle.attempt(
				List.of(ThrottleKey.passwordResetAddress("new@example.com"), ThrottleKey.passwordResetIp("192.0.2.7"))))
			.isInstanceOf(SignInThrottle.Attempt.Locked.class);
	}

	@Test
	void storedWhenAddressKeyThenNoAddressAtRest() {
		this.throttle.attempt(List.of(ThrottleKey.passwordResetAddress("bob@example.com")));

		assertThat(this.db.jdbc().queryForList("SELECT throttle_key FROM sign_in_throttle", String.class))
			.singleElement()
			.satisfies((key) -> assertThat(key).startsWith("reset-address:").doesNotContain("bob"));
	}

}
