package dev.baton.auth.keys;

import java.time.Duration;
import java.util.List;

import com.nimbusds.jose.jwk.KeyUse;
import dev.baton.auth.testsupport.AtOnce;
import dev.baton.auth.testsupport.InMemoryDatabase;
import dev.baton.auth.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/** The signing key set survives restarts and is shared by the nodes of one database. */
class SigningKeySetTests {

	private final InMemoryDatabase db = InMemoryDatabase.migrated();

	private final MutableClock clock = MutableClock.startingAtNewYear();

	private final String kek = KeyEncryptionKeyTests.randomKey();

	@AfterEach
	void shutdown() {
		this.db.shutdown();
	}

	@Test
	void ensureSigningKeyWhenTableEmptyThenGeneratesOneActiveKey() {
		SigningKeySet keySet = node(SigningAlgorithm.RS256, this.kek);

		keySet.ensureSigningKey();

		SigningKey key = keySet.activeKey();
		assertThat(key.algorithm()).isEqualTo(SigningAlgorithm.RS256);
		assertThat(key.jwk().getKeyID()).isEqualTo(key.kid());
		assertThat(key.jwk().getKeyUse()).isEqualTo(KeyUse.SIGNATURE);
		assertThat(key.jwk().isPrivate()).isTrue();
		assertThat(keySet.publishedKeys()).extracting(SigningKey::kid).containsExactly(key.kid());
	}

	@Test
	void ensureSigningKeyWhenManyNodesStartAtOnceOnAnEmptyTableThenExactlyOneFirstKeyForAll() throws Exception {
		int nodes = 8;
		List<SigningKeySet> keySets = new java.util.ArrayList<>();
		for (int i = 0; i < nodes; i++) {
			keySets.add(node(SigningAlgorithm.ES256, this.kek));
		}
		AtOnce.run(keySets.stream().map((keySet) -> (java.util.concurrent.Callable<Object>) () -> {
			keySet.ensureSigningKey();
			return null;
		}).toList());

		assertThat(this.db.jdbc().queryForObject("SELECT COUNT(*) FROM signing_key", Integer.class)).isOne();
		String kid = this.db.jdbc().queryForObject("SELECT kid FROM signing_key", String.class);
		assertThat(keySets).allSatisfy((keySet) -> {
			assertThat(keySet.activeKey().kid()).isEqualTo(kid);
			assertThat(keySet.publishedKeys()).extracting(SigningKey::kid).containsExactly(kid);
		});
	}

	@Test
	void afterSingletonsInstantiatedWhenTableEmptyThenKeySignsBeforeTheServerStarts() {
		SigningKeySet keySet = node(SigningAlgorithm.ES256, this.kek);

		// Called by the container once every bean exists, before the web server opens its
		// port.
		keySet.afterSingletonsInstantiated();

		assertThat(keySet.activeKey().signsAt(this.clock.instant())).isTrue();
	}

	// ES256 where the algorithm does not matter: an RSA key pair takes far longer to
	// generate.

	@Test
	void ensureSigningKeyWhenRestartedThenKeepsTheSameKey() {
		SigningKeySet first = node(SigningAlgorithm.ES256, this.kek);
		first.ensureSigningKey();
		SigningKey original = first.activeKey();

		SigningKeySet restarted = node(SigningAlgorithm.ES256, this.kek);
		restarted.ensureSigningKey();

		assertThat(restarted.activeKey().kid()).isEqualTo(original.kid());
		assertThat(restarted.activeKey().jwk()).isEqualTo(original.jwk());
		assertThat(this.db.jdbc().queryForObject("SELECT COUNT(*) FROM signing_key", Integer.class)).isEqualTo(1);
	}

	@Test
	void insertWhenStoredThenPrivateKeyOnlyEncryptedAndPublicJwkHasNoPrivateParts() {
		SigningKeySet keySet = node(SigningAlgorithm.RS256, this.kek);
		keySet.ensureSigningKey();
		SigningKey key = keySet.activeKey();
		String privateExponent = key.jwk().toRSAKey().getPrivateExponent().toString();

		String publicJwk = this.db.jdbc().queryForObject("SELECT public_jwk FROM signing_key", String.class);
		byte[] ciphertext = this.db.jdbc()
			.queryForObject("SELECT private_jwk_ciphertext FROM signing_key", byte[].class);

		assertThat(publicJwk).doesNotContain("\"d\"").doesNotContain(privateExponent).contains(key.kid());
		assertThat(new String(ciphertext, java.nio.charset.StandardCharsets.ISO_8859_1))
			.doesNotContain(privateExponent);
	}

	@Test
	void activeKeyWhenKeyEncryptionKeyChangedThenFailsInsteadOfGeneratingSilently() {
		node(SigningAlgorithm.ES256, this.kek).ensureSigningKey();
		SigningKeySet withOtherKek = node(SigningAlgorithm.ES256, KeyEncryptionKeyTests.randomKey());

		assertThatIllegalStateException().isThrownBy(withOtherKek::ensureSigningKey)
			.withMessageContaining("key-encryption key");
	}

	@ParameterizedTest
	@EnumSource(value = SigningAlgorithm.class, names = { "RS256", "ES256", "EdDSA" })
	void ensureSigningKeyWhenAlgorithmConfiguredThenKeyOfThatAlgorithmSurvivesReload(SigningAlgorithm algorithm) {
		node(algorithm, this.kek).ensureSigningKey();

		SigningKey reloaded = node(algorithm, this.kek).activeKey();

		assertThat(reloaded.algorithm()).isEqualTo(algorithm);
		assertThat(reloaded.jwk().getAlgorithm()).isEqualTo(algorithm.jwsAlgorithm());
		assertThat(reloaded.jwk().isPrivate()).isTrue();
	}

	@Test
	void activeKeyWhenCalledWithinCacheTtlThenReadsDatabaseOnce() {
		SigningKeyRepository repository = spy(repository(this.kek));
		SigningKeySet keySet = new SigningKeySet(repository, properties(SigningAlgorithm.ES256), this.clock);
		keySet.ensureSigningKey();

		for (int i = 0; i < 100; i++) {
			keySet.activeKey();
		}
		this.clock.advance(Duration.ofSeconds(61));
		keySet.activeKey();

		// ensureSigningKey: read, insert, read again; then one read after the cache TTL
		verify(repository, times(3)).findPublished(org.mockito.ArgumentMatchers.any());
	}

	@Test
	void reloadForUnknownKeyWhenAnotherNodeAddedKeyThenSeesIt() {
		SigningKeySet nodeA = node(SigningAlgorithm.ES256, this.kek);
		nodeA.ensureSigningKey();
		SigningKeySet nodeB = node(SigningAlgorithm.ES256, this.kek);
		SigningKey added = nodeB.generate(this.clock.instant());
		repository(this.kek).insert(added, null);

		List<SigningKey> tooSoon = nodeA.reloadForUnknownKey();
		this.clock.advance(Duration.ofSeconds(5));
		List<SigningKey> later = nodeA.reloadForUnknownKey();

		assertThat(tooSoon).extracting(SigningKey::kid).doesNotContain(added.kid());
		assertThat(later).extracting(SigningKey::kid).contains(added.kid());
	}

	@Test
	void activeKeyWhenNewerKeyActivatesLaterThenOldKeySignsUntilThen() {
		SigningKeySet keySet = node(SigningAlgorithm.ES256, this.kek);
		keySet.ensureSigningKey();
		SigningKey old = keySet.activeKey();
		SigningKey next = keySet.generate(this.clock.instant().plus(Duration.ofHours(1)));
		repository(this.kek).insert(next, null);
		keySet.reload();

		assertThat(keySet.activeKey().kid()).isEqualTo(old.kid());
		assertThat(keySet.publishedKeys()).extracting(SigningKey::kid).contains(old.kid(), next.kid());
		this.clock.advance(Duration.ofHours(1));
		keySet.reload();
		assertThat(keySet.activeKey().kid()).isEqualTo(next.kid());
	}

	private SigningKeySet node(SigningAlgorithm algorithm, String kek) {
		return new SigningKeySet(repository(kek), properties(algorithm), this.clock);
	}

	private JdbcSigningKeyRepository repository(String kek) {
		return new JdbcSigningKeyRepository(this.db.jdbc(),
				KeyEncryptionKey.from(KeyEncryptionKeyTests.properties(kek, null)));
	}

	private SigningKeyProperties properties(SigningAlgorithm algorithm) {
		return TestSigningKeyProperties.of(algorithm, this.kek, null, Duration.ofMinutes(1));
	}

}
