package dev.baton.auth.backchannel;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import dev.baton.auth.testsupport.AtOnce;
import dev.baton.auth.testsupport.MariaDbCondition;
import dev.baton.auth.testsupport.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox's claims on the real engine (H2, and MariaDB in the {@code mariadb} run): of
 * many nodes claiming one due delivery at once exactly one gets it; a live lease keeps it
 * from others, an ended one does not; a node whose claim was taken over can neither
 * delete nor reschedule the row.
 */
@Tag("database")
@ExtendWith(MariaDbCondition.class)
class JdbcBackchannelLogoutRepositoryDatabaseTests {

	private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	private static final Duration LEASE = Duration.ofMinutes(1);

	private TestDatabase database;

	private HikariDataSource dataSource;

	private JdbcBackchannelLogoutRepository outbox;

	@BeforeEach
	void schema() {
		this.database = TestDatabase.create();
		this.dataSource = this.database.dataSource();
		Flyway.configure().dataSource(this.dataSource).locations("classpath:db/migration").load().migrate();
		this.outbox = new JdbcBackchannelLogoutRepository(new JdbcTemplate(this.dataSource));
	}

	@AfterEach
	void dropDatabase() {
		if (this.dataSource != null) {
			this.dataSource.close();
		}
		if (this.database != null) {
			this.database.drop();
		}
	}

	@Test
	void claimWhenManyNodesAtOnceThenExactlyOneGetsTheDelivery() throws Exception {
		String id = insertDue();
		List<Optional<PendingLogout>> claims = AtOnce.run(8,
				() -> this.outbox.claim(id, UUID.randomUUID().toString(), NOW, NOW.plus(LEASE)));

		assertThat(claims).filteredOn(Optional::isPresent).hasSize(1);
	}

	@Test
	void claimWhenLeaseLiveThenRefusedAndNotDueWhenLeaseEndedThenTakenOverAndOldClaimLost() {
		String id = insertDue();
		PendingLogout first = this.outbox.claim(id, "node-a", NOW, NOW.plus(LEASE)).orElseThrow();
		assertThat(first.familyId()).isNotBlank();
		assertThat(first.attempts()).isZero();

		assertThat(this.outbox.findDue(NOW.plusSeconds(30), 10)).isEmpty();
		assertThat(this.outbox.claim(id, "node-b", NOW.plusSeconds(30), NOW.plusSeconds(30).plus(LEASE))).isEmpty();

		Instant later = NOW.plus(LEASE).plusSeconds(1);
		assertThat(this.outbox.findDue(later, 10)).containsExactly(id);
		assertThat(this.outbox.claim(id, "node-b", later, later.plus(LEASE))).isPresent();
		assertThat(this.outbox.delete(id, "node-a")).isFalse();
		assertThat(this.outbox.reschedule(id, "node-a", 1, later)).isFalse();
		assertThat(this.outbox.reschedule(id, "node-b", 1, later.plusSeconds(5))).isTrue();
	}

	@Test
	void rescheduleWhenNotYetDueThenNotFoundAndNotClaimableUntilItIs() {
		String id = insertDue();
		this.outbox.claim(id, "node-a", NOW, NOW.plus(LEASE)).orElseThrow();
		this.outbox.reschedule(id, "node-a", 1, NOW.plusSeconds(10));

		assertThat(this.outbox.findDue(NOW.plusSeconds(9), 10)).isEmpty();
		assertThat(this.outbox.claim(id, "node-b", NOW.plusSeconds(9), NOW.plusSeconds(9).plus(LEASE))).isEmpty();
		PendingLogout again = this.outbox.claim(id, "node-b", NOW.plusSeconds(10), NOW.plusSeconds(70)).orElseThrow();
		assertThat(again.attempts()).isEqualTo(1);
		assertThat(this.outbox.delete(id, "node-b")).isTrue();
		assertThat(this.outbox.findDue(NOW.plusSeconds(100), 10)).isEmpty();
	}

	private String insertDue() {
		String id = UUID.randomUUID().toString();
		this.outbox.insert(new PendingLogout(id, "app", UUID.randomUUID().toString(), UUID.randomUUID().toString(),
				"https://app.example/backchannel-logout", NOW, 0, NOW));
		return id;
	}

}
