package dev.baton.auth.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import dev.baton.auth.support.SpaceDelimited;

import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.stereotype.Component;

/**
 * The one set of rules every client passes, whether it comes from the admin API, the
 * clients file or dynamic registration. {@link #validate} returns every problem at once,
 * one message per field.
 * <ul>
 * <li>Redirect and post-logout redirect URIs: absolute, without fragment (RFC 6749
 * §3.1.2), {@code https}, or {@code http} on a loopback host only (RFC 8252 §7.3, OAuth
 * 2.1 §2.3.1); likewise the back-channel logout URI (OpenID Connect Back-Channel Logout
 * 1.0 §2.2).
 * <li>Allowed CORS origins: each an origin as a browser sends it, {@code https} or
 * loopback {@code http}, no wildcard ({@link CorsOrigin}).
 * <li>Grant types and authentication methods from what Baton supports;
 * {@code refresh_token} only with {@code authorization_code}; {@code client_credentials}
 * only for a client that authenticates (RFC 6749 §4.4).
 * <li>A public client ({@code none}) gets no secret and must use PKCE (RFC 7636, OAuth
 * 2.1 §7.5.1).
 * <li>Scopes known to Baton; {@code baton.admin}, {@code client.create} and
 * {@code baton.metrics} only for a client-credentials client (no user ever holds them)
 * whose audiences include Baton's issuer.
 * <li>Lifetimes positive and bounded; the grace window 0 to 5 minutes; idle at most
 * absolute.
 * <li>Lengths within the columns, so nothing valid fails in the database.
 * </ul>
 */
@Component
public final class ClientMetadataValidator {

	public static final String ADMIN_SCOPE = "baton.admin";

	public static final String CLIENT_CREATE_SCOPE = "client.create";

	public static final String ACCOUNT_SCOPE = "baton.account";

	/**
	 * Opens the actuator's metrics and Prometheus endpoints (a scraper's
	 * client-credentials token).
	 */
	public static final String METRICS_SCOPE = "baton.metrics";

	static final String AUTHORIZATION_CODE = "authorization_code";

	static final String REFRESH_TOKEN = "refresh_token";

	static final String CLIENT_CREDENTIALS = "client_credentials";

	static final String NONE = "none";

	static final Set<String> GRANT_TYPES = Set.of(AUTHORIZATION_CODE, REFRESH_TOKEN, CLIENT_CREDENTIALS);

	static final Set<String> SECRET_METHODS = Set.of("client_secret_basic", "client_secret_post");

	/** Scopes that only make sense when a user signs in. */
	private static final Set<String> USER_SCOPES = Set.of("openid", "profile", "email", "offline_access",
			ACCOUNT_SCOPE);

	/** Scopes that only a service may hold: they open Baton's own administration. */
	private static final Set<String> SERVICE_ONLY_SCOPES = Set.of(ADMIN_SCOPE, CLIENT_CREATE_SCOPE, METRICS_SCOPE);

	private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._~-]{1,100}");

	/**
	 * RFC 6749 §3.3 scope-token: printable ASCII except space, {@code "} and {@code \}.
	 */
	private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");

	private static final Duration MAX_TOKEN_LIFETIME = Duration.ofHours(24);

	private static final Duration MAX_REFRESH_LIFETIME = Duration.ofDays(365);

	private static final Duration MAX_GRACE_WINDOW = Duration.ofMinutes(5);

	private final Set<String> knownScopes;

	private final String issuer;

	public ClientMetadataValidator(ClientRegistryProperties properties, AuthorizationServerSettings settings) {
		Set<String> scopes = new LinkedHashSet<>(USER_SCOPES);
		scopes.addAll(SERVICE_ONLY_SCOPES);
		scopes.addAll(properties.apiScopes());
		this.knownScopes = Collections.unmodifiableSet(new TreeSet<>(scopes));
		this.issuer = settings.getIssuer();
	}

	/** Every scope a client may be registered with. */
	public Set<String> knownScopes() {
		return this.knownScopes;
	}

	public String issuer() {
		return this.issuer;
	}

	/**
	 * @param existing the stored client when this replaces it, {@code null} when it
	 * registers a new one
	 * @return a message per faulty field; empty when the metadata is valid
	 */
	public Map<String, String> validate(ClientMetadata metadata, Client existing) {
		Problems problems = new Problems();
		if (metadata.clientId() != null && !CLIENT_ID.matcher(metadata.clientId()).matches()) {
			problems.add(ClientMetadata.CLIENT_ID, "must be 1 to 100 characters of A-Z a-z 0-9 . _ ~ -");
		}
		if (metadata.clientName() != null) {
			if (metadata.clientName().isBlank() || metadata.clientName().length() > 200
					|| metadata.clientName().chars().anyMatch(Character::isISOControl)) {
				problems.add(ClientMetadata.CLIENT_NAME, "must be 1 to 200 printable characters");
			}
		}
		Set<String> grantTypes = grantTypes(metadata, problems);
		String method = authMethod(metadata, grantTypes, existing, problems);
		boolean isPublic = NONE.equals(method);
		boolean userFacing = grantTypes.contains(AUTHORIZATION_CODE);
		checkAdditionalMethods(metadata, isPublic, problems);
		checkUris(ClientMetadata.REDIRECT_URIS, metadata.redirectUris(), 2000, problems);
		if (userFacing && (metadata.redirectUris() == null || metadata.redirectUris().isEmpty())) {
			problems.add(ClientMetadata.REDIRECT_URIS, "are required for the authorization_code grant");
		}
		if (!userFacing && metadata.redirectUris() != null && !metadata.redirectUris().isEmpty()) {
			problems.add(ClientMetadata.REDIRECT_URIS, "apply to the authorization_code grant only");
		}
		checkUris(ClientMetadata.POST_LOGOUT_REDIRECT_URIS, metadata.postLogoutRedirectUris(), 2000, problems);
		checkCorsOrigins(metadata.allowedCorsOrigins(), problems);
		if (metadata.responseTypes() != null) {
			Set<String> expected = userFacing ? Set.of("code") : Set.of();
			if (!new HashSet<>(metadata.responseTypes()).equals(expected)) {
				problems.add(ClientMetadata.RESPONSE_TYPES,
						userFacing ? "must be [\"code\"]" : "must be empty without the authorization_code grant");
			}
		}
		checkScope(metadata, grantTypes, problems);
		checkBackchannelLogout(metadata, userFacing, problems);
		Set<String> audiences = checkAudiences(ClientMetadata.AUDIENCES, metadata.audiences(), problems);
		Set<String> scopes = SpaceDelimited.parse(metadata.scope());
		if (scopes.stream().anyMatch(SERVICE_ONLY_SCOPES::contains) && !audiences.isEmpty()
				&& !audiences.contains(this.issuer)) {
			problems.add(ClientMetadata.AUDIENCES, "must include Baton's issuer " + this.issuer
					+ " for the scopes baton.admin, client.create and baton.metrics");
		}
		checkAudiences(ClientMetadata.RESOURCE_SERVER_AUDIENCES, metadata.resourceServerAudiences(), problems);
		if (isPublic && metadata.resourceServerAudiences() != null && !metadata.resourceServerAudiences().isEmpty()) {
			problems.add(ClientMetadata.RESOURCE_SERVER_AUDIENCES,
					"need a confidential client: introspection requires client authentication");
		}
		if (isPublic && Boolean.FALSE.equals(metadata.pkceRequired())) {
			problems.add(ClientMetadata.PKCE_REQUIRED, "cannot be false for a public client (OAuth 2.1 §7.5.1)");
		}
		checkLifetimes(metadata, problems);
		return problems.messages();
	}

	private Set<String> grantTypes(ClientMetadata metadata, Problems problems) {
		List<String> given = (metadata.grantTypes() != null) ? metadata.grantTypes() : List.of(AUTHORIZATION_CODE);
		Set<String> grantTypes = new LinkedHashSet<>(given);
		List<String> unsupported = grantTypes.stream().filter((grant) -> !GRANT_TYPES.contains(grant)).toList();
		if (grantTypes.isEmpty()) {
			problems.add(ClientMetadata.GRANT_TYPES, "must name at least one grant type");
		}
		else if (!unsupported.isEmpty()) {
			problems.add(ClientMetadata.GRANT_TYPES,
					"supported are authorization_code, refresh_token and client_credentials, not "
							+ shown(unsupported));
		}
		else if (grantTypes.contains(REFRESH_TOKEN) && !grantTypes.contains(AUTHORIZATION_CODE)) {
			problems.add(ClientMetadata.GRANT_TYPES, "refresh_token needs authorization_code");
		}
		grantTypes.retainAll(GRANT_TYPES);
		return grantTypes;
	}

	private String authMethod(ClientMetadata metadata, Set<String> grantTypes, Client existing, Problems problems) {
		String method = (metadata.tokenEndpointAuthMethod() != null) ? metadata.tokenEndpointAuthMethod()
				: "client_secret_basic";
		if (!SECRET_METHODS.contains(method) && !NONE.equals(method)) {
			problems.add(ClientMetadata.TOKEN_ENDPOINT_AUTH_METHOD,
					"supported are client_secret_basic, client_secret_post and none");
			return method;
		}
		if (NONE.equals(method) && grantTypes.contains(CLIENT_CREDENTIALS)) {
			problems.add(ClientMetadata.TOKEN_ENDPOINT_AUTH_METHOD,
					"cannot be none with the client_credentials grant: a service must authenticate");
		}
		if (existing != null && existing.isPublic() != NONE.equals(method)) {
			problems.add(ClientMetadata.TOKEN_ENDPOINT_AUTH_METHOD,
					"cannot turn a " + (existing.isPublic() ? "public" : "confidential") + " client into a "
							+ (existing.isPublic() ? "confidential" : "public") + " one; register a new client");
		}
		return method;
	}

	private static void checkAdditionalMethods(ClientMetadata metadata, boolean isPublic, Problems problems) {
		List<String> additional = metadata.additionalTokenEndpointAuthMethods();
		if (additional == null || additional.isEmpty()) {
			return;
		}
		if (isPublic) {
			problems.add(ClientMetadata.ADDITIONAL_TOKEN_ENDPOINT_AUTH_METHODS, "apply to confidential clients only");
		}
		else if (!SECRET_METHODS.containsAll(additional)) {
			problems.add(ClientMetadata.ADDITIONAL_TOKEN_ENDPOINT_AUTH_METHODS,
					"may only list client_secret_basic and client_secret_post");
		}
	}

	private void checkScope(ClientMetadata metadata, Set<String> grantTypes, Problems problems) {
		if (metadata.scope() == null) {
			return;
		}
		if (metadata.scope().length() > 1000) {
			problems.add(ClientMetadata.SCOPE, "must be at most 1000 characters");
			return;
		}
		Set<String> scopes = SpaceDelimited.parse(metadata.scope());
		List<String> malformed = scopes.stream().filter((scope) -> !SCOPE_TOKEN.matcher(scope).matches()).toList();
		List<String> unknown = scopes.stream()
			.filter((scope) -> SCOPE_TOKEN.matcher(scope).matches() && !this.knownScopes.contains(scope))
			.toList();
		if (!malformed.isEmpty()) {
			problems.add(ClientMetadata.SCOPE, "must be space-separated scope tokens (RFC 6749 §3.3)");
		}
		else if (!unknown.isEmpty()) {
			problems.add(ClientMetadata.SCOPE, "unknown scope " + shown(unknown) + "; known are "
					+ String.join(" ", this.knownScopes) + " (baton.clients.api-scopes adds more)");
		}
		else if (scopes.stream().anyMatch(SERVICE_ONLY_SCOPES::contains)
				&& !grantTypes.equals(Set.of(CLIENT_CREDENTIALS))) {
			problems.add(ClientMetadata.SCOPE,
					"baton.admin, client.create and baton.metrics are for client_credentials-only clients: no user may hold them");
		}
		else if (!grantTypes.contains(AUTHORIZATION_CODE) && scopes.stream().anyMatch(USER_SCOPES::contains)) {
			problems.add(ClientMetadata.SCOPE, shown(scopes.stream().filter(USER_SCOPES::contains).toList())
					+ " need a signed-in user: the authorization_code grant");
		}
		else if (scopes.contains("offline_access") && !grantTypes.contains(REFRESH_TOKEN)) {
			problems.add(ClientMetadata.SCOPE, "offline_access needs the refresh_token grant");
		}
	}

	private static void checkBackchannelLogout(ClientMetadata metadata, boolean userFacing, Problems problems) {
		if (metadata.backchannelLogoutUri() != null) {
			checkUris(ClientMetadata.BACKCHANNEL_LOGOUT_URI, List.of(metadata.backchannelLogoutUri()), 2000, problems);
			if (!userFacing) {
				problems.add(ClientMetadata.BACKCHANNEL_LOGOUT_URI, "applies to the authorization_code grant only");
			}
		}
		else if (Boolean.TRUE.equals(metadata.backchannelLogoutSessionRequired())) {
			problems.add(ClientMetadata.BACKCHANNEL_LOGOUT_SESSION_REQUIRED, "needs a backchannel_logout_uri");
		}
	}

	private static Set<String> checkAudiences(String field, List<String> values, Problems problems) {
		if (values == null) {
			return Set.of();
		}
		Set<String> audiences = new LinkedHashSet<>(values);
		if (String.join(" ", audiences).length() > 1000) {
			problems.add(field, "must be at most 1000 characters together");
		}
		for (String audience : audiences) {
			URI uri = parse(audience);
			if (uri == null || !uri.isAbsolute() || uri.getRawFragment() != null || uri.getHost() == null
					|| !Set.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
				problems.add(field, "must be absolute http(s) URIs without fragment (RFC 8707 §2), not "
						+ shown(List.of(audience)));
			}
		}
		return audiences;
	}

	/** Absolute, no fragment, https or loopback http. */
	private static void checkUris(String field, List<String> values, int maxLength, Problems problems) {
		if (values == null) {
			return;
		}
		if (String.join(" ", values).length() > maxLength) {
			problems.add(field, "must be at most " + maxLength + " characters together");
			return;
		}
		for (String value : values) {
			URI uri = parse(value);
			if (uri == null || !uri.isAbsolute() || uri.getHost() == null) {
				problems.add(field, shown(List.of(value)) + " is not an absolute URI");
			}
			else if (uri.getRawFragment() != null) {
				problems.add(field, shown(List.of(value)) + " must not have a fragment");
			}
			else if (!"https".equalsIgnoreCase(uri.getScheme())
					&& !("http".equalsIgnoreCase(uri.getScheme()) && isLoopback(uri.getHost()))) {
				problems.add(field, shown(List.of(value)) + " must use https (http only on a loopback host)");
			}
		}
	}

	private static void checkCorsOrigins(List<String> origins, Problems problems) {
		if (origins == null) {
			return;
		}
		if (String.join(" ", origins).length() > 2000) {
			problems.add(ClientMetadata.ALLOWED_CORS_ORIGINS, "must be at most 2000 characters together");
			return;
		}
		origins.forEach((origin) -> CorsOrigin.problem(origin)
			.ifPresent((problem) -> problems.add(ClientMetadata.ALLOWED_CORS_ORIGINS, problem)));
	}

	static boolean isLoopback(String host) {
		String lower = host.toLowerCase(Locale.ROOT);
		return lower.equals("localhost") || lower.equals("[::1]") || lower.matches("127(\\.\\d{1,3}){3}");
	}

	private static void checkLifetimes(ClientMetadata metadata, Problems problems) {
		bounded(ClientMetadata.ACCESS_TOKEN_LIFETIME, metadata.accessTokenLifetime(), MAX_TOKEN_LIFETIME, problems);
		bounded(ClientMetadata.ID_TOKEN_LIFETIME, metadata.idTokenLifetime(), MAX_TOKEN_LIFETIME, problems);
		bounded(ClientMetadata.REFRESH_TOKEN_IDLE_LIFETIME, metadata.refreshTokenIdleLifetime(), MAX_REFRESH_LIFETIME,
				problems);
		bounded(ClientMetadata.REFRESH_TOKEN_ABSOLUTE_LIFETIME, metadata.refreshTokenAbsoluteLifetime(),
				MAX_REFRESH_LIFETIME, problems);
		Duration grace = metadata.refreshTokenGraceWindow();
		if (grace != null && (grace.isNegative() || grace.compareTo(MAX_GRACE_WINDOW) > 0)) {
			problems.add(ClientMetadata.REFRESH_TOKEN_GRACE_WINDOW, "must be between PT0S and PT5M");
		}
		Duration idle = metadata.refreshTokenIdleLifetime();
		Duration absolute = metadata.refreshTokenAbsoluteLifetime();
		if (idle != null && absolute != null && idle.compareTo(absolute) > 0
				&& idle.compareTo(MAX_REFRESH_LIFETIME) <= 0 && !absolute.isNegative() && !absolute.isZero()) {
			problems.add(ClientMetadata.REFRESH_TOKEN_IDLE_LIFETIME, "must not exceed refresh_token_absolute_lifetime");
		}
	}

	private static void bounded(String field, Duration value, Duration max, Problems problems) {
		if (value != null
				&& ((value.isNegative() || value.isZero()) || value.compareTo(max) > 0 || value.getNano() != 0)) {
			problems.add(field, "must be a positive whole number of seconds up to " + max);
		}
	}

	private static URI parse(String value) {
		try {
			return new URI(value);
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

	/** A value for a message, cut short so no input grows the answer much. */
	private static String shown(List<String> values) {
		String joined = String.join(" ", values);
		return "'" + ((joined.length() > 80) ? joined.substring(0, 80) + "…" : joined) + "'";
	}

	/** Problems by field; a second problem of one field is appended to the first. */
	private static final class Problems {

		private final Map<String, List<String>> byField = new LinkedHashMap<>();

		void add(String field, String message) {
			List<String> messages = this.byField.computeIfAbsent(field, (name) -> new ArrayList<>());
			if (messages.size() < 3 && !messages.contains(message)) {
				messages.add(message);
			}
		}

		Map<String, String> messages() {
			Map<String, String> messages = new LinkedHashMap<>();
			this.byField.forEach((field, list) -> messages.put(field, String.join("; ", list)));
			return messages;
		}

	}

}
