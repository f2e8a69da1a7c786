package dev.baton.auth.keys;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import dev.baton.auth.testsupport.MariaDbCondition;
import dev.baton.auth.testsupport.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conditional retire and the one-successor-per-key insert against the real schema,
 * migrations applied: H2 in MySQL mode, and MariaDB in the {@code mariadb} run.
 */
@Tag("database")
@ExtendWith(MariaDbCondition.class)
class JdbcSigningKeyRetireTests {

	private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

	@TempDir
	Path directory;

	private TestDatabase database;

	private HikariDataSource dataSource;

	private JdbcSigningKeyRepository repository;

	@BeforeEach
	void schema() {
		this.database = TestDatabase.create();
		this.dataSource = this.database.dataSource();
		Flyway.configure().dataSource(this.dataSource).locations("classpath:db/migration").load().migrate();
		this.repository = new JdbcSigningKeyRepository(new JdbcTemplate(this.dataSource),
				KeyEncryptionKey.from(TestSigningKeyProperties.of(SigningAlgorithm.ES256, null,
						this.directory.resolve("kek"), Duration.ZERO)));
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
	void retireWhenNotRetiredThenSetsRetirementAndUnpublication() {
		SigningKey key = key();
		this.repository.insert(key, null);
		Instant retiresAt = NOW.plus(Duration.ofMinutes(10));
		Instant unpublishAt = retiresAt.plus(Duration.ofMinutes(31));

		assertThat(this.repository.retire(key.kid(), retiresAt, unpublishAt)).isTrue();

		assertThat(this.repository.findPublished(NOW)).singleElement().satisfies((stored) -> {
			assertThat(stored.retiresAt()).isEqualTo(retiresAt);
			assertThat(stored.unpublishAt()).isEqualTo(unpublishAt);
		});
		assertThat(this.repository.findPublished(unpublishAt)).isEmpty();
	}

	@Test
	void retireWhenAlreadyRetiredThenFalseAndFirstRetirementKept() {
		SigningKey key = key();
		this.repository.insert(key, null);
		Instant first = NOW.plus(Duration.ofMinutes(10));
		this.repository.retire(key.kid(), first, first.plus(Duration.ofMinutes(31)));

		assertThat(this.repository.retire(key.kid(), NOW.plus(Duration.ofMinutes(20)), NOW.plus(Duration.ofHours(1))))
			.isFalse();

		assertThat(this.repository.findPublished(NOW)).singleElement()
			.satisfies((stored) -> assertThat(stored.retiresAt()).isEqualTo(first));
	}

	@Test
	void insertWhenAFirstKeyExistsThenSecondFirstKeyNotStored() {
		SigningKey first = key();
		SigningKey other = key();

		assertThat(this.repository.insert(first, SigningKeyRepository.FIRST_KEY)).isTrue();
		assertThat(this.repository.insert(other, SigningKeyRepository.FIRST_KEY)).isFalse();

		assertThat(this.repository.findPublished(NOW)).extracting(SigningKey::kid).containsExactly(first.kid());
	}

	@Test
	void insertWhenAnotherKeySucceedsTheSameKeyThenNotStored() {
		SigningKey first = key();
		this.repository.insert(first, SigningKeyRepository.FIRST_KEY);
		SigningKey successor = key();
		SigningKey rival = key();

		assertThat(this.repository.insert(successor, first.kid())).isTrue();
		assertThat(this.repository.insert(rival, first.kid())).isFalse();

		assertThat(this.repository.findPublished(NOW)).extracting(SigningKey::kid)
			.containsExactlyInAnyOrder(first.kid(), successor.kid());
	}

	@Test
	void insertWhenKeysOfBeforeTheSucceedsColumnThenManyMayLackIt() {
		assertThat(this.repository.insert(key(), null)).isTrue();
		assertThat(this.repository.insert(key(), null)).isTrue();
	}

	private static SigningKey key() {
		String kid = UUID.randomUUID().toString();
		return new SigningKey(kid, SigningAlgorithm.ES256, SigningAlgorithm.ES256.generate(kid), NOW, NOW, null, null);
	}

}
