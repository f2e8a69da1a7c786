package dev.baton.auth.keys;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The conditional retire against the real schema (H2 in MySQL mode, migrations applied). */
class JdbcSigningKeyRetireTests {

	private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

	@TempDir
	Path directory;

	private JdbcSigningKeyRepository repository;

	@BeforeEach
	void schema() {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:mem:keys-" + UUID.randomUUID() + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
		this.repository = new JdbcSigningKeyRepository(new JdbcTemplate(dataSource), KeyEncryptionKey
			.from(new SigningKeyProperties(SigningAlgorithm.ES256, null, this.directory.resolve("kek"), Duration.ZERO)));
	}

	@Test
	void retireWhenNotRetiredThenSetsRetirementAndUnpublication() {
		SigningKey key = key();
		this.repository.insert(key);
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
		this.repository.insert(key);
		Instant first = NOW.plus(Duration.ofMinutes(10));
		this.repository.retire(key.kid(), first, first.plus(Duration.ofMinutes(31)));

		assertThat(this.repository.retire(key.kid(), NOW.plus(Duration.ofMinutes(20)), NOW.plus(Duration.ofHours(1))))
			.isFalse();

		assertThat(this.repository.findPublished(NOW)).singleElement()
			.satisfies((stored) -> assertThat(stored.retiresAt()).isEqualTo(first));
	}

	private static SigningKey key() {
		String kid = UUID.randomUUID().toString();
		return new SigningKey(kid, SigningAlgorithm.ES256, SigningAlgorithm.ES256.generate(kid), NOW, NOW, null, null);
	}

}
