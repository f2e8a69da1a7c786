package dev.baton.auth.client;

import java.time.Duration;
import java.util.Set;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * Reads Baton's per-client settings from a {@link RegisteredClient}.
 * {@link DatabaseRegisteredClientRepository} puts them there with the server defaults
 * ({@link TokenDefaults}) already applied, so the token endpoint needs no second lookup.
 * A setting that overrides a server property is named after it
 * ({@code baton.refresh.grace-window}).
 */
public final class ClientPolicy {

	static final String AUDIENCES = "baton.client.audiences";

	static final String FIRST_PARTY = "baton.client.first-party";

	static final String REQUIRE_VERIFIED_EMAIL = "baton.client.require-verified-email";

	static final String REQUIRE_MFA = "baton.client.require-mfa";

	static final String RESOURCE_SERVER_AUDIENCES = "baton.client.resource-server-audiences";

	static final String ID_TOKEN_TTL = "baton.token.id-token-ttl";

	static final String REFRESH_ABSOLUTE_TTL = "baton.refresh.absolute-ttl";

	static final String REFRESH_GRACE_WINDOW = "baton.refresh.grace-window";

	private ClientPolicy() {
	}

	/**
	 * The APIs the client's access tokens are for; the {@code client_id} when none is
	 * configured.
	 */
	public static Set<String> audiences(RegisteredClient client) {
		Set<String> audiences = client.getClientSettings().getSetting(AUDIENCES);
		return (audiences == null || audiences.isEmpty()) ? Set.of(client.getClientId()) : audiences;
	}

	/**
	 * The audiences whose access tokens this client may introspect as their resource
	 * server (RFC 7662 §4: the server decides which protected resources may learn about
	 * which tokens); empty for most clients.
	 */
	public static Set<String> resourceServerAudiences(RegisteredClient client) {
		Set<String> audiences = client.getClientSettings().getSetting(RESOURCE_SERVER_AUDIENCES);
		return (audiences != null) ? audiences : Set.of();
	}

	/** The lifetime of this client's ID tokens, the server default applied. */
	public static Duration idTokenTtl(RegisteredClient client) {
		return client.getTokenSettings().getSetting(ID_TOKEN_TTL);
	}

	public static boolean isFirstParty(RegisteredClient client) {
		return Boolean.TRUE.equals(client.getClientSettings().getSetting(FIRST_PARTY));
	}

	/**
	 * Whether users without a verified e-mail address are refused
	 * ({@code access_denied}).
	 */
	public static boolean requiresVerifiedEmail(RegisteredClient client) {
		return Boolean.TRUE.equals(client.getClientSettings().getSetting(REQUIRE_VERIFIED_EMAIL));
	}

	/**
	 * Whether the client's users must sign in with a second factor ({@code require_mfa}).
	 */
	public static boolean requiresMfa(RegisteredClient client) {
		return Boolean.TRUE.equals(client.getClientSettings().getSetting(REQUIRE_MFA));
	}

	/**
	 * The lifetime of each of this client's token families, the server default applied.
	 */
	public static Duration refreshAbsoluteTtl(RegisteredClient client) {
		return client.getTokenSettings().getSetting(REFRESH_ABSOLUTE_TTL);
	}

	/**
	 * This client's lost-response retry window, the server default applied; zero for
	 * strict rotation.
	 */
	public static Duration refreshGraceWindow(RegisteredClient client) {
		return client.getTokenSettings().getSetting(REFRESH_GRACE_WINDOW);
	}

}
