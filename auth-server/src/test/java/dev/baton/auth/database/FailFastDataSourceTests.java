package dev.baton.auth.database;

import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import dev.baton.auth.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

class FailFastDataSourceTests {

	private final MutableClock clock = MutableClock.startingAtNewYear();

	private final AtomicBoolean down = new AtomicBoolean();

	private final AtomicInteger attempts = new AtomicInteger();

	private final Connection connection = mock(Connection.class);

	private final FailFastDataSource dataSource = new FailFastDataSource(pool(), Duration.ofSeconds(1), this.clock);

	@Test
	void getConnectionWhenPoolTimedOutThenFailsAtOnceWithinWindowWithoutAskingThePool() throws Exception {
		this.down.set(true);
		assertThatThrownBy(this.dataSource::getConnection).hasMessageContaining("pool timed out");

		assertThatThrownBy(this.dataSource::getConnection).isInstanceOf(SQLTransientConnectionException.class)
			.hasMessageContaining("failing fast");
		assertThat(DatabaseFailures.isUnavailable(catchFailure())).isTrue();
		assertThat(this.attempts).hasValue(1);
	}

	@Test
	void getConnectionWhenWindowPassedAndDatabaseBackThenProbeSucceedsAndWindowCloses() throws Exception {
		this.down.set(true);
		assertThatThrownBy(this.dataSource::getConnection);
		this.down.set(false);
		this.clock.advance(Duration.ofMillis(1001));

		assertThat(this.dataSource.getConnection()).isSameAs(this.connection);
		assertThat(this.dataSource.getConnection()).isSameAs(this.connection);
		assertThat(this.attempts).hasValue(3);
	}

	@Test
	void getConnectionWhenProbeFailsAgainThenWindowOpensAgain() {
		this.down.set(true);
		assertThatThrownBy(this.dataSource::getConnection);
		this.clock.advance(Duration.ofMillis(1001));

		assertThatThrownBy(this.dataSource::getConnection).hasMessageContaining("pool timed out");
		assertThatThrownBy(this.dataSource::getConnection).hasMessageContaining("failing fast");
		assertThat(this.attempts).hasValue(2);
	}

	@Test
	void getConnectionWhenPoolOnlyBusyThenNoWindow() throws Exception {
		DataSource busy = mock(DataSource.class);
		given(busy.getConnection()).willThrow(new SQLTransientConnectionException("pool timed out (active=10)"))
			.willReturn(this.connection);
		FailFastDataSource dataSource = new FailFastDataSource(busy, Duration.ofSeconds(1), this.clock);

		assertThatThrownBy(dataSource::getConnection).hasMessageContaining("active=10");
		assertThat(dataSource.getConnection()).isSameAs(this.connection);
	}

	private Throwable catchFailure() {
		try {
			this.dataSource.getConnection();
			return null;
		}
		catch (Exception ex) {
			return ex;
		}
	}

	private DataSource pool() {
		DataSource pool = mock(DataSource.class);
		try {
			given(pool.getConnection()).willAnswer((invocation) -> {
				this.attempts.incrementAndGet();
				if (this.down.get()) {
					throw new SQLTransientConnectionException(
							"HikariPool-1 - Connection is not available, pool timed out", "08001",
							new java.net.ConnectException("Connection refused"));
				}
				return this.connection;
			});
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		return pool;
	}

}
