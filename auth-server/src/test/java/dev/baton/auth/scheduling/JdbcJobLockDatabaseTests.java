package dev.baton.auth.scheduling;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.zaxxer.hikari.HikariDataSource;
import dev.baton.auth.scheduling.JobLock.Lease;
import dev.baton.auth.testsupport.AtOnce;
import dev.baton.auth.testsupport.MariaDbCondition;
import dev.baton.auth.testsupport.MutableClock;
import dev.baton.auth.testsupport.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job lock on the real engine (H2, and MariaDB in the {@code mariadb} run): a skipped
 * attempt makes the database raise no error, so the driver logs nothing (MariaDB
 * Connector/J logs every error packet as a WARN), and of many nodes racing for a lock,
 * new or expired, exactly one wins.
 */
@Tag("database")
@ExtendWith(MariaDbCondition.class)
class JdbcJobLockDatabaseTests {

	private static final Duration LEASE = Duration.ofMinutes(2);

	private final MutableClock clock = MutableClock.startingAtNewYear();

	private TestDatabase database;

	private HikariDataSource dataSource;

	private JdbcTemplate jdbc;

	private final ListAppender<ILoggingEvent> warnings = new ListAppender<>();

	@BeforeEach
	void schema() {
		this.database = TestDatabase.create();
		this.dataSource = this.database.dataSource();
		Flyway.configure().dataSource(this.dataSource).locations("classpath:db/migration").load().migrate();
		this.jdbc = new JdbcTemplate(this.dataSource);
		this.warnings.start();
		root().addAppender(this.warnings);
	}

	@AfterEach
	void dropDatabase() {
		root().detachAppender(this.warnings);
		if (this.dataSource != null) {
			this.dataSource.close();
		}
		if (this.database != null) {
			this.database.drop();
		}
	}

	@Test
	void tryAcquireWhenAnotherNodeHoldsTheLockThenSkippedWithoutAnyWarning() {
		new JdbcJobLock(this.jdbc, this.clock).tryAcquire("cleanup", LEASE).orElseThrow();
		JdbcJobLock other = new JdbcJobLock(this.jdbc, this.clock);
		this.warnings.list.clear();

		for (int i = 0; i < 20; i++) {
			assertThat(other.tryAcquire("cleanup", LEASE)).isEmpty();
		}

		assertThat(this.warnings.list).filteredOn((event) -> event.getLevel().isGreaterOrEqual(Level.WARN)).isEmpty();
	}

	@Test
	void tryAcquireWhenManyNodesRaceForTheSameLockRepeatedlyThenExactlyOneWinsEachTime() throws Exception {
		for (int round = 0; round < 5; round++) {
			assertThat(winnersOfRace(8)).as("round %d", round).hasSize(1);
			this.clock.advance(LEASE);
		}
	}

	@Test
	void renewWhenTakenOverOnTheRealEngineThenFenced() {
		JdbcJobLock nodeA = new JdbcJobLock(this.jdbc, this.clock);
		JdbcJobLock nodeB = new JdbcJobLock(this.jdbc, this.clock);
		Lease stale = nodeA.tryAcquire("cleanup", LEASE).orElseThrow();
		this.clock.advance(LEASE);
		Lease current = nodeB.tryAcquire("cleanup", LEASE).orElseThrow();

		assertThat(nodeA.renew(stale, LEASE)).isEmpty();
		assertThat(nodeA.release(stale, this.clock.instant())).isFalse();
		assertThat(nodeB.renew(current, LEASE)).isPresent();
		assertThat(current.fencingToken()).isEqualTo(stale.fencingToken() + 1);
	}

	private List<Lease> winnersOfRace(int nodes) throws Exception {
		List<java.util.concurrent.Callable<java.util.Optional<Lease>>> attempts = new ArrayList<>();
		for (int i = 0; i < nodes; i++) {
			JdbcJobLock node = new JdbcJobLock(this.jdbc, this.clock);
			attempts.add(() -> node.tryAcquire("race", LEASE));
		}
		return AtOnce.run(attempts).stream().flatMap(java.util.Optional::stream).toList();
	}

	private static Logger root() {
		return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
	}

}
