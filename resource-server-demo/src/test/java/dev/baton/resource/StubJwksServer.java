package dev.baton.resource;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;

/**
 * A JWKS endpoint on a free loopback port that serves the public halves of its keys and
 * counts its requests.
 */
final class StubJwksServer implements AutoCloseable {

	private final HttpServer server;

	private final AtomicInteger requests = new AtomicInteger();

	private volatile List<JWK> keys;

	private StubJwksServer(List<JWK> keys) throws IOException {
		this.keys = keys;
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/oauth2/jwks", (exchange) -> {
			this.requests.incrementAndGet();
			byte[] body = new JWKSet(this.keys).toPublicJWKSet().toString().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		this.server.start();
	}

	static StubJwksServer serving(JWK... keys) {
		try {
			return new StubJwksServer(List.of(keys));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	String jwkSetUri() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/oauth2/jwks";
	}

	int requestCount() {
		return this.requests.get();
	}

	void publish(JWK... keys) {
		this.keys = List.of(keys);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
