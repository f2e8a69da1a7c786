package dev.baton.auth.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * A client as Baton's APIs show it: RFC 7591 §3.2.1 names, Baton's settings beside them,
 * never a secret hash. A lifetime that is not set is left out: the server default
 * applies. What {@code GET} returns can be sent back as a {@code PUT} body unchanged.
 */
public final class ClientJson {

	private static final List<String> METHOD_ORDER = List.of("client_secret_basic", "client_secret_post", "none");

	private ClientJson() {
	}

	/** The client's metadata, without the read-only and time fields. */
	public static Map<String, Object> metadata(Client client) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put(ClientMetadata.CLIENT_ID, client.clientId());
		json.put(ClientMetadata.CLIENT_NAME, client.clientName());
		List<String> methods = client.authenticationMethods()
			.stream()
			.map(ClientAuthenticationMethod::getValue)
			.sorted((a, b) -> Integer.compare(order(a), order(b)))
			.toList();
		json.put(ClientMetadata.TOKEN_ENDPOINT_AUTH_METHOD, methods.isEmpty() ? "none" : methods.get(0));
		if (methods.size() > 1) {
			json.put(ClientMetadata.ADDITIONAL_TOKEN_ENDPOINT_AUTH_METHODS, methods.subList(1, methods.size()));
		}
		List<String> grantTypes = client.grantTypes()
			.stream()
			.map(AuthorizationGrantType::getValue)
			.sorted((a, b) -> Integer.compare(grantOrder(a), grantOrder(b)))
			.toList();
		json.put(ClientMetadata.GRANT_TYPES, grantTypes);
		json.put(ClientMetadata.RESPONSE_TYPES,
				grantTypes.contains(ClientMetadataValidator.AUTHORIZATION_CODE) ? List.of("code") : List.of());
		json.put(ClientMetadata.REDIRECT_URIS, new ArrayList<>(client.redirectUris()));
		json.put(ClientMetadata.POST_LOGOUT_REDIRECT_URIS, new ArrayList<>(client.postLogoutRedirectUris()));
		json.put(ClientMetadata.ALLOWED_CORS_ORIGINS, new ArrayList<>(client.allowedCorsOrigins()));
		json.put(ClientMetadata.SCOPE, String.join(" ", client.scopes()));
		if (client.backchannelLogoutUri() != null) {
			json.put(ClientMetadata.BACKCHANNEL_LOGOUT_URI, client.backchannelLogoutUri());
		}
		json.put(ClientMetadata.BACKCHANNEL_LOGOUT_SESSION_REQUIRED, client.backchannelLogoutSessionRequired());
		json.put(ClientMetadata.AUDIENCES, new ArrayList<>(client.audiences()));
		json.put(ClientMetadata.RESOURCE_SERVER_AUDIENCES, new ArrayList<>(client.resourceServerAudiences()));
		json.put(ClientMetadata.FIRST_PARTY, client.firstParty());
		json.put(ClientMetadata.PKCE_REQUIRED, client.requireProofKey());
		json.put(ClientMetadata.REQUIRE_VERIFIED_EMAIL, client.requireVerifiedEmail());
		json.put(ClientMetadata.REQUIRE_MFA, client.requireMfa());
		putDuration(json, ClientMetadata.ACCESS_TOKEN_LIFETIME, client.accessTokenTtl());
		putDuration(json, ClientMetadata.ID_TOKEN_LIFETIME, client.idTokenTtl());
		putDuration(json, ClientMetadata.REFRESH_TOKEN_IDLE_LIFETIME, client.refreshIdleTtl());
		putDuration(json, ClientMetadata.REFRESH_TOKEN_ABSOLUTE_LIFETIME, client.refreshAbsoluteTtl());
		putDuration(json, ClientMetadata.REFRESH_TOKEN_GRACE_WINDOW, client.refreshGraceWindow());
		return json;
	}

	/**
	 * The full answer about a client: its metadata, {@code client_id_issued_at} (RFC 7591
	 * §3.2.1, seconds), and for a confidential client {@code client_secret_expires_at: 0}
	 * (it does not expire) plus, while a rotation's overlap runs, until when the previous
	 * secret is still accepted.
	 * @param secret the secret to show once, or {@code null}
	 */
	public static Map<String, Object> of(Client client, String secret, Instant now) {
		Map<String, Object> json = metadata(client);
		json.put(ClientMetadata.CLIENT_ID_ISSUED_AT, client.createdAt().getEpochSecond());
		if (secret != null) {
			json.put(ClientMetadata.CLIENT_SECRET, secret);
		}
		if (!client.isPublic()) {
			json.put(ClientMetadata.CLIENT_SECRET_EXPIRES_AT, 0);
		}
		client.previousSecretHashAt(now)
			.ifPresent((hash) -> json.put(ClientMetadata.PREVIOUS_CLIENT_SECRET_VALID_UNTIL,
					client.previousSecretExpiresAt().toString()));
		return json;
	}

	/** The metadata names whose values differ between two versions of a client. */
	public static List<String> changedFields(Client before, Client after) {
		Map<String, Object> old = metadata(before);
		Map<String, Object> updated = metadata(after);
		List<String> changed = new ArrayList<>();
		for (String name : updated.keySet()) {
			if (!Objects.equals(old.get(name), updated.get(name))) {
				changed.add(name);
			}
		}
		old.keySet().stream().filter((name) -> !updated.containsKey(name)).forEach(changed::add);
		return changed;
	}

	private static void putDuration(Map<String, Object> json, String name, Duration value) {
		if (value != null) {
			json.put(name, value.toString());
		}
	}

	private static int order(String method) {
		int index = METHOD_ORDER.indexOf(method);
		return (index < 0) ? METHOD_ORDER.size() : index;
	}

	private static int grantOrder(String grantType) {
		List<String> order = List.of("authorization_code", "refresh_token", "client_credentials");
		int index = order.indexOf(grantType);
		return (index < 0) ? order.size() : index;
	}

}
