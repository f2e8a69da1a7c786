package dev.baton.auth.accounts;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;

/**
 * A native app's redirect receiver (RFC 8252 §7.3): an HTTP server on a loopback port the
 * test binds itself (port 0, so whatever is free), answering {@code /callback} with a
 * small page and remembering the query it got. The browser test needs no port to be free
 * that it did not bind.
 */
final class CallbackReceiver implements AutoCloseable {

	private final HttpServer server;

	private final AtomicReference<String> lastQuery = new AtomicReference<>("");

	private CallbackReceiver(HttpServer server) {
		this.server = server;
	}

	static CallbackReceiver start() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
		CallbackReceiver receiver = new CallbackReceiver(server);
		server.createContext("/callback", (exchange) -> {
			receiver.lastQuery.set("?" + exchange.getRequestURI().getRawQuery());
			byte[] page = "<!DOCTYPE html><title>Signed in</title><p>You may close this window.</p>"
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
			exchange.sendResponseHeaders(200, page.length);
			try (OutputStream body = exchange.getResponseBody()) {
				body.write(page);
			}
		});
		server.start();
		return receiver;
	}

	/** {@code http://127.0.0.1:<bound port>/callback}. */
	String redirectUri() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/callback";
	}

	/** The query string of the last callback, with its leading {@code ?}. */
	String lastQuery() {
		return this.lastQuery.get();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
