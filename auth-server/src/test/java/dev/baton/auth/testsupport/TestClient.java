package dev.baton.auth.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A demo client of DESIGN.md as a test presents it at the token, introspection and
 * revocation endpoints.
 *
 * @param secret {@code null} for a public client, which sends {@code client_id} in the
 * body instead
 */
public record TestClient(String clientId, String secret) {

	public static final TestClient WEB = new TestClient("demo-web", "demo-web-secret");

	public static final TestClient MOBILE = new TestClient("demo-mobile", null);

	public static final TestClient SERVICE = new TestClient("demo-service", "demo-service-secret");

	public static final TestClient ADMIN = new TestClient("demo-admin", "demo-admin-secret");

	/**
	 * Not demo data: a client registered by {@link BatonServerTests} as the resource
	 * server of the demo API and of Baton itself, so it may introspect every access token
	 * the tests get (RFC 7662 §4).
	 */
	public static final TestClient RESOURCE_SERVER = new TestClient("test-resource-server",
			"test-resource-server-secret");

	public boolean isPublic() {
		return this.secret == null;
	}

	/**
	 * Adds this client's authentication to a request: HTTP Basic, or {@code client_id}
	 * for a public client.
	 */
	public Form authenticate(Form form) {
		if (isPublic()) {
			return form.add("client_id", this.clientId);
		}
		return form.header("Authorization", basic(this.clientId, this.secret));
	}

	public static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

}
