package dev.baton.auth.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.sun.net.httpserver.HttpServer;

/**
 * A relying party's {@code backchannel_logout_uri} (OpenID Connect Back-Channel Logout
 * 1.0 §2.5): a real HTTP server on an ephemeral port of 127.0.0.1 that records each POST
 * and answers 503 to the first {@code failuresFirst} of them, 200 afterwards. The test
 * closes it.
 */
public final class LogoutReceiver implements AutoCloseable {

	private final HttpServer server;

	private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

	private final AtomicInteger failuresLeft;

	private final AtomicInteger requests = new AtomicInteger();

	private LogoutReceiver(int failuresFirst) {
		this.failuresLeft = new AtomicInteger(failuresFirst);
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/backchannel-logout", (exchange) -> {
			byte[] body = exchange.getRequestBody().readAllBytes();
			this.requests.incrementAndGet();
			boolean fail = this.failuresLeft.getAndUpdate((left) -> Math.max(0, left - 1)) > 0;
			int status = fail ? 503 : 200;
			this.received
				.add(new Received(exchange.getRequestMethod(), exchange.getRequestHeaders().getFirst("Content-Type"),
						new String(body, StandardCharsets.UTF_8), status));
			exchange.getResponseHeaders().add("Cache-Control", "no-store");
			exchange.sendResponseHeaders(status, -1);
			exchange.close();
		});
		this.server.start();
	}

	public static LogoutReceiver start() {
		return new LogoutReceiver(0);
	}

	/** Answers 503 to the first {@code failures} requests. */
	public static LogoutReceiver failingFirst(int failures) {
		return new LogoutReceiver(failures);
	}

	public String uri() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/backchannel-logout";
	}

	/** The next request, waiting at most {@code wait}; fails the test when none came. */
	public Received next(Duration wait) {
		try {
			Received next = this.received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
			if (next == null) {
				throw new AssertionError("No back-channel logout request within " + wait);
			}
			return next;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	/** Requests received and not yet taken with {@link #next}. */
	public int waiting() {
		return this.received.size();
	}

	/** Every request received so far. */
	public int requests() {
		return this.requests.get();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/**
	 * One POST.
	 *
	 * @param status what the receiver answered
	 */
	public record Received(String method, String contentType, String body, int status) {

		/** The {@code logout_token} form parameter. */
		public String logoutToken() {
			for (String pair : this.body.split("&")) {
				int equals = pair.indexOf('=');
				if (equals > 0 && pair.substring(0, equals).equals("logout_token")) {
					return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
				}
			}
			throw new AssertionError("No logout_token in " + this.body);
		}

		/**
		 * Verifies the logout token as a relying party does (§2.6): signature against the
		 * JWKS, {@code typ} {@code logout+jwt}, not expired; returns its claims.
		 */
		public JWTClaimsSet verifiedClaims(String jwksJson) {
			try {
				DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
				processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("logout+jwt")));
				processor.setJWSKeySelector(new JWSVerificationKeySelector<>(
						Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256, JWSAlgorithm.PS256),
						new ImmutableJWKSet<>(JWKSet.parse(jwksJson))));
				return processor.process(logoutToken(), null);
			}
			catch (ParseException | BadJOSEException | JOSEException ex) {
				throw new AssertionError("Logout token does not verify: " + ex.getMessage(), ex);
			}
		}

	}

}
