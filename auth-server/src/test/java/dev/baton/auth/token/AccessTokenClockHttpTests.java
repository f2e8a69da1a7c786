package dev.baton.auth.token;

import java.time.Duration;

import dev.baton.auth.testsupport.BatonServerTests;
import dev.baton.auth.testsupport.TestClient;
import dev.baton.auth.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Baton checks the lifetime of its own access tokens (userinfo, introspection) against
 * the same {@code Clock} that stamped them, so an access token expires for Baton when its
 * {@code exp} has passed on that clock.
 */
class AccessTokenClockHttpTests extends BatonServerTests {

	/**
	 * The default five-minute lifetime, plus the validator's 60-second allowance for
	 * clock skew, plus one second.
	 */
	private static final Duration PAST_EXPIRY = Duration.ofMinutes(6).plusSeconds(1);

	@Test
	void userinfoWhenClockMovedPastExpiryThenUnauthorized() {
		Tokens tokens = this.http.signIn(TestClient.WEB);
		assertThat(this.http.get("/userinfo", "Authorization", "Bearer " + tokens.accessToken()).status())
			.isEqualTo(200);

		this.clock.advance(PAST_EXPIRY);

		assertThat(this.http.get("/userinfo", "Authorization", "Bearer " + tokens.accessToken()).status())
			.isEqualTo(401);
		assertThat(this.http.isActive(tokens.accessToken())).isFalse();
	}

}
