package dev.baton.auth.database;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.transaction.TransactionSystemException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryingAuthenticationProviderTests {

	private final TransactionRetry retry = new TransactionRetry(
			new DatabaseProperties.Retry(3, Duration.ZERO, Duration.ZERO), (pause) -> {
			}, new SimpleMeterRegistry());

	private final Authentication request = new TestingAuthenticationToken("client", "code");

	@Test
	void authenticateWhenCodeRedemptionLosesRaceThenSecondAttemptDecides() {
		AtomicInteger attempts = new AtomicInteger();
		AuthenticationProvider redemption = provider(() -> {
			if (attempts.incrementAndGet() == 1) {
				throw new TransactionSystemException("commit", TransactionRetryTests.deadlock());
			}
			throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_GRANT);
		});

		assertThatThrownBy(() -> new RetryingAuthenticationProvider(redemption, this.retry).authenticate(this.request))
			.isInstanceOf(OAuth2AuthenticationException.class);
		assertThat(attempts).hasValue(2);
	}

	@Test
	void authenticateWhenOAuthErrorThenNotRetried() {
		AtomicInteger attempts = new AtomicInteger();
		AuthenticationProvider provider = provider(() -> {
			attempts.incrementAndGet();
			throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
		});

		assertThatThrownBy(() -> new RetryingAuthenticationProvider(provider, this.retry).authenticate(this.request))
			.isInstanceOf(OAuth2AuthenticationException.class);
		assertThat(attempts).hasValue(1);
	}

	@Test
	void supportsWhenAskedThenDelegates() {
		AuthenticationProvider provider = provider(() -> null);

		assertThat(new RetryingAuthenticationProvider(provider, this.retry).supports(TestingAuthenticationToken.class))
			.isTrue();
		assertThat(new RetryingAuthenticationProvider(provider, this.retry).supports(String.class)).isFalse();
	}

	private static AuthenticationProvider provider(java.util.function.Supplier<Authentication> body) {
		return new AuthenticationProvider() {
			@Override
			public Authentication authenticate(Authentication authentication) {
				return body.get();
			}

			@Override
			public boolean supports(Class<?> authentication) {
				return TestingAuthenticationToken.class.equals(authentication);
			}
		};
	}

}
