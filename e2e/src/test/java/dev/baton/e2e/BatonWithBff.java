package dev.baton.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.baton.bff.BatonBffApplication;
import jakarta.servlet.http.HttpSession;
import org.apache.catalina.Container;
import org.apache.catalina.Context;
import org.apache.catalina.Session;
import org.yaml.snakeyaml.Yaml;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * Baton and resource-server-demo ({@link BatonApps}, sharing the test's clock) plus
 * bff-demo, all in this JVM on free loopback ports. The bff signs in as
 * {@value #CLIENT_ID}: the shipped {@code demo-bff} client of
 * {@code clients/demo-clients.yml} with its URIs moved from port 8081 to the bff's port,
 * given to Baton as a clients file ({@code baton.clients.file}).
 */
final class BatonWithBff implements AutoCloseable {

	static final String CLIENT_ID = "e2e-bff";

	/** The demo client's public secret ({@code demo-clients.yml} holds its hash). */
	static final String CLIENT_SECRET = "demo-bff-secret";

	private static final String SESSION_CLIENTS_ATTRIBUTE = HttpSessionOAuth2AuthorizedClientRepository.class.getName()
			+ ".AUTHORIZED_CLIENTS";

	/**
	 * bff-demo must not get the auth-server's database, sessions or authorization server
	 * either.
	 */
	private static final String BFF_EXCLUDES = BatonApps.RESOURCE_SERVER_EXCLUDES;

	final BatonApps apps;

	final String bffBaseUrl;

	private final ConfigurableApplicationContext bff;

	private final Path clientsFile;

	private BatonWithBff(BatonApps apps, String bffBaseUrl, ConfigurableApplicationContext bff, Path clientsFile) {
		this.apps = apps;
		this.bffBaseUrl = bffBaseUrl;
		this.bff = bff;
		this.clientsFile = clientsFile;
	}

	static BatonWithBff start(ShiftableClock clock) throws IOException {
		int bffPort = BatonApps.freePort();
		String bffBaseUrl = "http://127.0.0.1:" + bffPort;
		Path clientsFile = Files.createTempFile("baton-e2e-bff-clients-", ".yml");
		Files.writeString(clientsFile, clientsFile(bffBaseUrl));
		BatonApps apps = BatonApps.start(clock, "--baton.clients.file=" + clientsFile);
		try {
			// The bff keeps the real clock: Spring's client dates a token's expiry by the
			// time it received the token
			// response, so a shifted bff clock would find every new token expired. Tests
			// expire its tokens with
			// expireAccessTokens() instead.
			ConfigurableApplicationContext bff = new SpringApplicationBuilder(BatonBffApplication.class).run(
					"--spring.config.name=" + BatonBffApplication.CONFIG_NAME, "--server.port=" + bffPort,
					"--server.address=127.0.0.1", "--spring.application.name=baton-bff-e2e",
					"--spring.security.oauth2.client.provider.baton.issuer-uri=" + apps.issuer,
					"--spring.security.oauth2.client.registration.baton.client-id=" + CLIENT_ID,
					"--spring.security.oauth2.client.registration.baton.client-secret=" + CLIENT_SECRET,
					"--bff.api-base-url=" + apps.apiBaseUrl, "--spring.autoconfigure.exclude=" + BFF_EXCLUDES);
			return new BatonWithBff(apps, bffBaseUrl, bff, clientsFile);
		}
		catch (RuntimeException ex) {
			apps.close();
			Files.deleteIfExists(clientsFile);
			throw ex;
		}
	}

	/**
	 * Every authorized client (access and refresh token) the bff holds, in all its live
	 * sessions.
	 */
	List<OAuth2AuthorizedClient> heldClients() {
		List<OAuth2AuthorizedClient> held = new ArrayList<>();
		for (HttpSession session : liveSessions()) {
			Object clients = session.getAttribute(SESSION_CLIENTS_ATTRIBUTE);
			if (clients instanceof Map<?, ?> byRegistration) {
				byRegistration.values().forEach((client) -> held.add((OAuth2AuthorizedClient) client));
			}
		}
		return held;
	}

	/**
	 * Makes the bff regard the access token of each of its sessions as expired (the token
	 * itself is unchanged), as it will once its lifetime has passed.
	 */
	@SuppressWarnings("unchecked")
	void expireAccessTokens() {
		Instant now = Instant.now();
		for (HttpSession session : liveSessions()) {
			Object clients = session.getAttribute(SESSION_CLIENTS_ATTRIBUTE);
			if (clients instanceof Map<?, ?> byRegistration) {
				Map<String, OAuth2AuthorizedClient> expired = new HashMap<>();
				((Map<String, OAuth2AuthorizedClient>) byRegistration).forEach((registration, client) -> {
					OAuth2AccessToken token = client.getAccessToken();
					OAuth2AccessToken expiredToken = new OAuth2AccessToken(token.getTokenType(), token.getTokenValue(),
							now.minus(Duration.ofMinutes(10)), now.minus(Duration.ofMinutes(5)), token.getScopes());
					expired.put(registration, new OAuth2AuthorizedClient(client.getClientRegistration(),
							client.getPrincipalName(), expiredToken, client.getRefreshToken()));
				});
				session.setAttribute(SESSION_CLIENTS_ATTRIBUTE, expired);
			}
		}
	}

	/**
	 * The values of every access, refresh and ID token the bff holds, in all its live
	 * sessions.
	 */
	List<String> heldTokenValues() {
		List<String> values = new ArrayList<>();
		for (OAuth2AuthorizedClient client : heldClients()) {
			values.add(client.getAccessToken().getTokenValue());
			if (client.getRefreshToken() != null) {
				values.add(client.getRefreshToken().getTokenValue());
			}
		}
		for (HttpSession session : liveSessions()) {
			String idToken = idTokenIn(session);
			if (idToken != null) {
				values.add(idToken);
			}
		}
		return values;
	}

	/** The ID token of the signed-in user of one session ({@code BFF_SESSION} cookie). */
	String idTokenOf(String sessionId) {
		return liveSessions().stream()
			.filter((session) -> session.getId().equals(sessionId))
			.map(BatonWithBff::idTokenIn)
			.filter(java.util.Objects::nonNull)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no signed-in session " + sessionId));
	}

	private static String idTokenIn(HttpSession session) {
		if (session.getAttribute(
				HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY) instanceof SecurityContext context
				&& context.getAuthentication() != null
				&& context.getAuthentication().getPrincipal() instanceof OidcUser user) {
			return user.getIdToken().getTokenValue();
		}
		return null;
	}

	private List<HttpSession> liveSessions() {
		TomcatWebServer server = (TomcatWebServer) ((WebServerApplicationContext) this.bff).getWebServer();
		List<HttpSession> sessions = new ArrayList<>();
		for (Container child : server.getTomcat().getHost().findChildren()) {
			for (Session session : ((Context) child).getManager().findSessions()) {
				if (session.isValid()) {
					sessions.add(session.getSession());
				}
			}
		}
		return sessions;
	}

	@Override
	public void close() throws IOException {
		try {
			this.bff.close();
			this.apps.close();
		}
		finally {
			Files.deleteIfExists(this.clientsFile);
		}
	}

	/**
	 * The shipped {@code demo-bff} entry as {@value #CLIENT_ID}, with the bff's real
	 * URIs.
	 */
	@SuppressWarnings("unchecked")
	private static String clientsFile(String bffBaseUrl) {
		Yaml yaml = new Yaml();
		Map<String, Object> shipped;
		try (InputStream in = BatonWithBff.class.getResourceAsStream("/clients/demo-clients.yml")) {
			shipped = yaml.load(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Map<String, Object> demoBff = ((List<Map<String, Object>>) shipped.get("clients")).stream()
			.filter((client) -> "demo-bff".equals(client.get("client_id")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("demo-clients.yml has no demo-bff"));
		Map<String, Object> client = new LinkedHashMap<>();
		demoBff.forEach((key, value) -> client.put(key, moved(value, bffBaseUrl)));
		client.put("client_id", CLIENT_ID);
		return yaml.dump(Map.of("clients", List.of(client)));
	}

	private static Object moved(Object value, String bffBaseUrl) {
		if (value instanceof String text) {
			return text.replace("http://127.0.0.1:8081", bffBaseUrl);
		}
		if (value instanceof List<?> list) {
			return list.stream().map((item) -> moved(item, bffBaseUrl)).toList();
		}
		return value;
	}

}
