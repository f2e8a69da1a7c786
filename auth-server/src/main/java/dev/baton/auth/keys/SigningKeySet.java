package dev.baton.auth.keys;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

/**
 * This node's view of the signing key set. It reads the database at most once per
 * {@code baton.keys.cache-ttl} (and at once when asked for a key id it does not know), so
 * signing a token costs no query. On first start, with an empty table, it generates the
 * first key.
 */
@Component
public class SigningKeySet implements SmartInitializingSingleton {

	private static final Logger logger = LoggerFactory.getLogger(SigningKeySet.class);

	private static final Duration UNKNOWN_KEY_RELOAD_INTERVAL = Duration.ofSeconds(5);

	private static final Duration UNAVAILABLE_RETRY_INTERVAL = Duration.ofSeconds(5);

	private final SigningKeyRepository repository;

	private final SigningKeyProperties properties;

	private final Clock clock;

	private volatile Snapshot snapshot = new Snapshot(List.of(), Instant.MIN, null);

	public SigningKeySet(SigningKeyRepository repository, SigningKeyProperties properties, Clock clock) {
		this.repository = repository;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Makes sure a key can sign before the first request arrives: this runs once every
	 * bean exists (so the schema is migrated) and before the web server opens its port.
	 * (On {@code ApplicationReadyEvent} it ran after the port opened, and the first
	 * requests of a fresh installation failed with "No active signing key".)
	 */
	@Override
	public void afterSingletonsInstantiated() {
		ensureSigningKey();
	}

	/**
	 * Generates the first key when no key can sign now. Several nodes starting at once on
	 * an empty database all try; the unique {@code succeeds} index keeps exactly one
	 * first key, and the others read it back: their own key is never stored, so it is
	 * never published.
	 */
	public void ensureSigningKey() {
		reload();
		if (current().stream().noneMatch((key) -> key.signsAt(this.clock.instant()))) {
			SigningKey key = generate(this.clock.instant());
			if (insertFirst(key)) {
				logger.info("Generated signing key {} ({})", key.kid(), key.algorithm());
			}
			else {
				logger.info("Another node generated the first signing key; using it");
			}
			reload();
		}
	}

	private boolean insertFirst(SigningKey key) {
		try {
			return this.repository.insert(key, SigningKeyRepository.FIRST_KEY);
		}
		catch (ConcurrencyFailureException ex) {
			// A certifying cluster (Galera) reports the losing duplicate at commit, as a
			// deadlock.
			return false;
		}
	}

	/** The key that signs now: of the keys whose signing period has begun, the newest. */
	public SigningKey activeKey() {
		Instant now = this.clock.instant();
		return current().stream()
			.filter((key) -> key.signsAt(now))
			.findFirst()
			.orElseGet(() -> reload().stream()
				.filter((key) -> key.signsAt(now))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("No active signing key")));
	}

	/** Every key that verifiers should know now, including those that will sign soon. */
	public List<SigningKey> publishedKeys() {
		Instant now = this.clock.instant();
		return current().stream().filter((key) -> key.isPublishedAt(now)).toList();
	}

	/**
	 * Reads the key set again for a key id this node does not know (created by another
	 * node), at most once every few seconds, so a flood of tokens with made-up key ids
	 * cannot turn into a flood of queries.
	 */
	public synchronized List<SigningKey> reloadForUnknownKey() {
		Snapshot current = this.snapshot;
		if (current.loadedAt().plus(UNKNOWN_KEY_RELOAD_INTERVAL).isAfter(this.clock.instant())) {
			return current.keys();
		}
		return reload();
	}

	/** Reads the key set again. */
	public synchronized List<SigningKey> reload() {
		List<SigningKey> keys = this.repository.findPublished(this.clock.instant());
		this.snapshot = new Snapshot(keys, this.clock.instant(), null);
		return keys;
	}

	SigningKey generate(Instant activatesAt) {
		String kid = UUID.randomUUID().toString();
		return new SigningKey(kid, this.properties.algorithm(), this.properties.algorithm().generate(kid),
				this.clock.instant(), activatesAt, null, null);
	}

	private List<SigningKey> current() {
		Snapshot current = this.snapshot;
		return isStale(current) ? reloadIfStale() : current.keys();
	}

	/**
	 * While the database cannot be read, the last key set read goes on serving (last
	 * known good): published keys change only through rotation, which announces them a
	 * whole publication period ahead, so JWKS and discovery stay right and answer at
	 * once. The next read is tried after {@code UNAVAILABLE_RETRY_INTERVAL}, not on every
	 * request.
	 */
	private synchronized List<SigningKey> reloadIfStale() {
		Snapshot current = this.snapshot;
		if (!isStale(current)) {
			return current.keys();
		}
		try {
			return reload();
		}
		catch (DataAccessException | TransactionException ex) {
			if (current.keys().isEmpty()) {
				throw ex;
			}
			logger.warn("Cannot read the signing key set ({}); serving the last one read, from {}",
					ex.getClass().getSimpleName(), current.loadedAt());
			this.snapshot = new Snapshot(current.keys(), current.loadedAt(),
					this.clock.instant().plus(UNAVAILABLE_RETRY_INTERVAL));
			return current.keys();
		}
	}

	private boolean isStale(Snapshot snapshot) {
		Instant now = this.clock.instant();
		return snapshot.loadedAt().plus(this.properties.cacheTtl()).isBefore(now)
				&& (snapshot.retryAfter() == null || !now.isBefore(snapshot.retryAfter()));
	}

	/**
	 * @param retryAfter when a failed read may be tried again, or {@code null}
	 */
	private record Snapshot(List<SigningKey> keys, Instant loadedAt, Instant retryAfter) {
	}

}
