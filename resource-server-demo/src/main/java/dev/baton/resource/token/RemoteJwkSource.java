package dev.baton.resource.token;

import java.io.Closeable;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.RefreshAheadCachingJWKSetSource;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;

/**
 * Baton's published keys, fetched from its JWKS endpoint on first use (so this API may
 * start before Baton), kept in a cache that refreshes itself in the background before it
 * expires, and fetched again when a token names a key id the cache does not hold: that is
 * how a key Baton rotated in is picked up without a restart.
 * <p>
 * Only the fetches caused by an unknown {@code kid} are rate-limited (one per
 * {@code unknownKeyRefetchInterval}): a flood of tokens with made-up key ids cannot make
 * this API hammer Baton, and it cannot starve the cache's own scheduled refreshes either,
 * which a limiter below the cache would.
 */
public final class RemoteJwkSource implements JWKSource<SecurityContext>, Closeable {

	/** Key sets are small; anything larger than this is not Baton's answer. */
	private static final int SIZE_LIMIT_BYTES = 64 * 1024;

	private final JWKSetSource<SecurityContext> cachedSource;

	private final long unknownKeyRefetchIntervalMillis;

	private final LongSupplier currentTimeMillis;

	private final AtomicLong nextUnknownKeyRefetchAt = new AtomicLong(Long.MIN_VALUE);

	RemoteJwkSource(JWKSetSource<SecurityContext> cachedSource, Duration unknownKeyRefetchInterval,
			LongSupplier currentTimeMillis) {
		this.cachedSource = cachedSource;
		this.unknownKeyRefetchIntervalMillis = unknownKeyRefetchInterval.toMillis();
		this.currentTimeMillis = currentTimeMillis;
	}

	/**
	 * A source for the key set at {@code jwkSetUri}; nothing is fetched until the first
	 * token arrives.
	 * @param cacheTtl how long a fetched set is used
	 * @param refreshAhead how long before expiry the background refresh starts
	 * @param unknownKeyRefetchInterval minimum time between two fetches caused by unknown
	 * key ids
	 * @param timeout connect and read timeout of one fetch
	 */
	public static RemoteJwkSource create(String jwkSetUri, Duration cacheTtl, Duration refreshAhead,
			Duration unknownKeyRefetchInterval, Duration timeout) {
		URL url;
		try {
			url = URI.create(jwkSetUri).toURL();
		}
		catch (MalformedURLException | IllegalArgumentException ex) {
			throw new IllegalStateException("baton.resource.jwk-set-uri is not a URL: " + jwkSetUri, ex);
		}
		int timeoutMillis = Math.toIntExact(timeout.toMillis());
		URLBasedJWKSetSource<SecurityContext> remote = new URLBasedJWKSetSource<>(url,
				new DefaultResourceRetriever(timeoutMillis, timeoutMillis, SIZE_LIMIT_BYTES));
		ExecutorService refresher = Executors.newSingleThreadExecutor(daemonThreads("jwks-refresh"));
		ScheduledExecutorService scheduler = Executors
			.newSingleThreadScheduledExecutor(daemonThreads("jwks-refresh-scheduler"));
		RefreshAheadCachingJWKSetSource<SecurityContext> cached = new RefreshAheadCachingJWKSetSource<>(remote,
				cacheTtl.toMillis(), timeout.toMillis(), refreshAhead.toMillis(), refresher, true, null, scheduler,
				true);
		return new RemoteJwkSource(cached, unknownKeyRefetchInterval, System::currentTimeMillis);
	}

	@Override
	public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
		long now = this.currentTimeMillis.getAsLong();
		JWKSet keys = this.cachedSource.getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(), now, context);
		List<JWK> matches = selector.select(keys);
		if (matches.isEmpty() && mayRefetchForUnknownKey(now)) {
			// Refreshes unless another thread already replaced this very set meanwhile.
			keys = this.cachedSource.getJWKSet(JWKSetCacheRefreshEvaluator.referenceComparison(keys), now, context);
			matches = selector.select(keys);
		}
		return matches;
	}

	private boolean mayRefetchForUnknownKey(long now) {
		long next = this.nextUnknownKeyRefetchAt.get();
		return now >= next
				&& this.nextUnknownKeyRefetchAt.compareAndSet(next, now + this.unknownKeyRefetchIntervalMillis);
	}

	@Override
	public void close() throws IOException {
		this.cachedSource.close();
	}

	private static ThreadFactory daemonThreads(String name) {
		return (runnable) -> {
			Thread thread = new Thread(runnable, name);
			thread.setDaemon(true);
			return thread;
		};
	}

}
