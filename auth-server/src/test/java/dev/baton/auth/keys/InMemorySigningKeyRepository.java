package dev.baton.auth.keys;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The {@code signing_key} table's rules in memory, for unit tests of the rotation. */
final class InMemorySigningKeyRepository implements SigningKeyRepository {

	private final List<SigningKey> keys = new ArrayList<>();

	/**
	 * When set, the next {@link #retire} behaves as if another node had retired the key
	 * first.
	 */
	boolean loseNextRetireRace;

	/** {@code ux_signing_key_succeeds}: which key each stored key succeeds. */
	private final java.util.Set<String> succeeded = new java.util.HashSet<>();

	@Override
	public synchronized boolean insert(SigningKey key, String succeeds) {
		if (succeeds != null && !this.succeeded.add(succeeds)) {
			return false;
		}
		this.keys.add(key);
		return true;
	}

	@Override
	public synchronized List<SigningKey> findPublished(Instant now) {
		return this.keys.stream()
			.filter((key) -> key.isPublishedAt(now))
			.sorted(Comparator.comparing(SigningKey::activatesAt).thenComparing(SigningKey::createdAt).reversed())
			.toList();
	}

	@Override
	public synchronized boolean retire(String kid, Instant retiresAt, Instant unpublishAt) {
		if (this.loseNextRetireRace) {
			this.loseNextRetireRace = false;
			return false;
		}
		for (int i = 0; i < this.keys.size(); i++) {
			SigningKey key = this.keys.get(i);
			if (key.kid().equals(kid) && key.retiresAt() == null) {
				this.keys.set(i, new SigningKey(key.kid(), key.algorithm(), key.jwk(), key.createdAt(),
						key.activatesAt(), retiresAt, unpublishAt));
				return true;
			}
		}
		return false;
	}

	@Override
	public synchronized int retireAllExcept(String keepKid, Instant retiresAt, Instant unpublishAt) {
		throw new UnsupportedOperationException();
	}

	synchronized List<SigningKey> all() {
		return List.copyOf(this.keys);
	}

}
