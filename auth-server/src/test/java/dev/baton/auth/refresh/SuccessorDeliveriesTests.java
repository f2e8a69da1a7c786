package dev.baton.auth.refresh;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.baton.auth.crypto.TokenHash;
import dev.baton.auth.testsupport.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * The delivery tracking of DESIGN rule 7 without a database: what
 * {@link SuccessorDeliveryFilter} reports for each way a token request can end, and what
 * {@link SuccessorDeliveries#flush()} then confirms.
 */
class SuccessorDeliveriesTests {

	private static final TokenHash CONSUMED = TokenHash.of("consumed-token");

	private final MutableClock clock = MutableClock.startingAtNewYear();

	private final RefreshTokenRepository tokens = mock(RefreshTokenRepository.class);

	private final SuccessorDeliveries deliveries = new SuccessorDeliveries(this.tokens, RefreshFixture.RECOVERY,
			new SimpleMeterRegistry(), this.clock);

	private final SuccessorDeliveryFilter filter = new SuccessorDeliveryFilter(this.deliveries);

	private final MockHttpServletRequest request = new MockHttpServletRequest("POST", "/oauth2/token");

	@BeforeEach
	void inRequest() {
		RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(this.request));
	}

	@AfterEach
	void noRequest() {
		RequestContextHolder.resetRequestAttributes();
	}

	@Test
	void doFilterWhenSuccessfulResponseFlushedThenDeliveredAndConfirmedAtTheNextFlush() throws Exception {
		this.filter.doFilter(this.request, new MockHttpServletResponse(), (req, res) -> send());
		assertThat(this.deliveries.isPending(CONSUMED)).as("delivered, confirmation not written yet").isTrue();

		this.deliveries.flush();

		verify(this.tokens).confirmDelivered(List.of(new DeliveredSuccessor(CONSUMED, null)));
		assertThat(this.deliveries.isPending(CONSUMED)).isFalse();
	}

	@Test
	void doFilterWhenResponseIsAnErrorThenUnconfirmed() throws Exception {
		this.filter.doFilter(this.request, new MockHttpServletResponse(), (req, res) -> {
			send();
			((HttpServletResponse) res).setStatus(500);
		});

		assertThat(this.deliveries.isPending(CONSUMED)).isFalse();
		this.deliveries.flush();
		verify(this.tokens, never()).confirmDelivered(any());
	}

	@Test
	void doFilterWhenChainThrowsThenUnconfirmed() {
		assertThatIOException()
			.isThrownBy(() -> this.filter.doFilter(this.request, new MockHttpServletResponse(), (req, res) -> {
				send();
				throw new IOException("Connection reset");
			}));

		assertThat(this.deliveries.isPending(CONSUMED)).isFalse();
	}

	@Test
	void doFilterWhenFlushingTheResponseFailsThenUnconfirmed() {
		MockHttpServletResponse broken = new MockHttpServletResponse() {
			@Override
			public void flushBuffer() {
				throw new IllegalStateException("Broken pipe");
			}
		};

		assertThatIllegalStateException()
			.isThrownBy(() -> this.filter.doFilter(this.request, broken, (req, res) -> send()));

		assertThat(this.deliveries.isPending(CONSUMED)).isFalse();
	}

	@Test
	void flushWhenDatabaseFailsThenStillPendingAndConfirmedLater() throws Exception {
		doThrow(new DataAccessResourceFailureException("down")).doNothing().when(this.tokens).confirmDelivered(any());
		this.filter.doFilter(this.request, new MockHttpServletResponse(), (req, res) -> send());

		this.deliveries.flush();
		assertThat(this.deliveries.isPending(CONSUMED)).isTrue();
		this.deliveries.flush();
		assertThat(this.deliveries.isPending(CONSUMED)).isFalse();
	}

	@Test
	void flushWhenARequestNeverFinishedThenForgottenAfterTheRecoveryWindow() {
		this.deliveries.sending(new DeliveredSuccessor(CONSUMED, null));
		this.clock.advance(RefreshFixture.RECOVERY.recoveryWindow());
		this.deliveries.flush();
		assertThat(this.deliveries.isPending(CONSUMED)).isTrue();

		this.clock.advance(Duration.ofMillis(1));
		this.deliveries.flush();

		assertThat(this.deliveries.isPending(CONSUMED)).isFalse();
		verify(this.tokens, never()).confirmDelivered(any());
	}

	@Test
	void sendingWhenNoHttpRequestThenNothingTracked() {
		RequestContextHolder.resetRequestAttributes();

		this.deliveries.sending(new DeliveredSuccessor(CONSUMED, Instant.EPOCH));

		assertThat(this.deliveries.isPending(CONSUMED)).isFalse();
	}

	/** What the rotation does while the token endpoint serves the request. */
	private void send() throws ServletException {
		this.deliveries.sending(new DeliveredSuccessor(CONSUMED, null));
	}

}
