package dev.baton.auth.keys;

import java.time.Duration;
import java.util.List;

import dev.baton.auth.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.CannotGetJdbcConnectionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/**
 * While the database cannot be read, JWKS and discovery go on with the last key set read.
 */
class SigningKeySetOutageTests {

	private static final Duration CACHE_TTL = Duration.ofMinutes(1);

	private final MutableClock clock = MutableClock.startingAtNewYear();

	private final InMemorySigningKeyRepository repository = spy(new InMemorySigningKeyRepository());

	private final SigningKeySet keySet = new SigningKeySet(this.repository,
			TestSigningKeyProperties.of(SigningAlgorithm.ES256, KeyEncryptionKeyTests.randomKey(), null, CACHE_TTL),
			this.clock);

	@Test
	void publishedKeysWhenCacheStaleAndDatabaseDownThenServesLastKnownGoodWithoutAskingOnEveryCall() {
		this.keySet.ensureSigningKey();
		List<String> known = kids(this.keySet.publishedKeys());
		doThrow(new CannotGetJdbcConnectionException("Connection is not available")).when(this.repository)
			.findPublished(any());
		this.clock.advance(CACHE_TTL.plusSeconds(1));

		assertThat(kids(this.keySet.publishedKeys())).isEqualTo(known);
		assertThat(this.keySet.activeKey().kid()).isEqualTo(known.get(0));
		assertThat(kids(this.keySet.publishedKeys())).isEqualTo(known);

		// one failed read, then a pause before the next try
		verify(this.repository, times(2 + 1)).findPublished(any());
		this.clock.advance(Duration.ofSeconds(6));
		assertThat(kids(this.keySet.publishedKeys())).isEqualTo(known);
		verify(this.repository, times(2 + 2)).findPublished(any());
	}

	@Test
	void publishedKeysWhenDatabaseBackThenReadsAgain() {
		this.keySet.ensureSigningKey();
		doThrow(new CannotGetJdbcConnectionException("down")).when(this.repository).findPublished(any());
		this.clock.advance(CACHE_TTL.plusSeconds(1));
		this.keySet.publishedKeys();
		doCallRealMethod().when(this.repository).findPublished(any());
		SigningKey added = this.keySet.generate(this.clock.instant());
		this.repository.insert(added, null);
		this.clock.advance(Duration.ofSeconds(6));

		assertThat(kids(this.keySet.publishedKeys())).contains(added.kid());
	}

	@Test
	void publishedKeysWhenNothingWasEverReadAndDatabaseDownThenFails() {
		doThrow(new CannotGetJdbcConnectionException("down")).when(this.repository).findPublished(any());

		assertThatThrownBy(this.keySet::publishedKeys).isInstanceOf(CannotGetJdbcConnectionException.class);
	}

	private static List<String> kids(List<SigningKey> keys) {
		return keys.stream().map(SigningKey::kid).toList();
	}

}
