package dev.baton.auth.console;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.baton.auth.client.Client;
import dev.baton.auth.client.ClientJson;
import dev.baton.auth.client.ClientMetadata;

import org.springframework.util.MultiValueMap;

/**
 * The client form of the console as typed: every field a string (or the checked boxes),
 * so a refused form is shown again exactly as sent. Field names are the RFC 7591 metadata
 * names of {@link ClientMetadata}, so the problems {@code ClientMetadataValidator}
 * reports land next to their fields. URI and origin lists take one entry per line.
 */
public record ClientForm(String clientId, String clientName, String redirectUris, String postLogoutRedirectUris,
		String allowedCorsOrigins, List<String> grantTypes, String tokenEndpointAuthMethod,
		List<String> additionalTokenEndpointAuthMethods, String scope, String audiences, String resourceServerAudiences,
		String backchannelLogoutUri, boolean backchannelLogoutSessionRequired, boolean firstParty, boolean pkceRequired,
		String accessTokenLifetime, String idTokenLifetime, String refreshTokenIdleLifetime,
		String refreshTokenAbsoluteLifetime, String refreshTokenGraceWindow, boolean requireVerifiedEmail,
		boolean requireMfa) {

	static final List<String> GRANT_TYPES = List.of("authorization_code", "refresh_token", "client_credentials");

	static final List<String> AUTH_METHODS = List.of("client_secret_basic", "client_secret_post", "none");

	/**
	 * A new client's form: a web app with the authorization-code flow, refresh tokens and
	 * PKCE.
	 */
	static ClientForm blank() {
		return new ClientForm("", "", "", "", "", List.of("authorization_code", "refresh_token"), "client_secret_basic",
				List.of(), "openid profile", "", "", "", false, false, true, "", "", "", "", "", false, false);
	}

	static ClientForm from(MultiValueMap<String, String> params) {
		return new ClientForm(text(params, ClientMetadata.CLIENT_ID), text(params, ClientMetadata.CLIENT_NAME),
				text(params, ClientMetadata.REDIRECT_URIS), text(params, ClientMetadata.POST_LOGOUT_REDIRECT_URIS),
				text(params, ClientMetadata.ALLOWED_CORS_ORIGINS), checked(params, ClientMetadata.GRANT_TYPES),
				text(params, ClientMetadata.TOKEN_ENDPOINT_AUTH_METHOD),
				checked(params, ClientMetadata.ADDITIONAL_TOKEN_ENDPOINT_AUTH_METHODS),
				text(params, ClientMetadata.SCOPE), text(params, ClientMetadata.AUDIENCES),
				text(params, ClientMetadata.RESOURCE_SERVER_AUDIENCES),
				text(params, ClientMetadata.BACKCHANNEL_LOGOUT_URI),
				params.containsKey(ClientMetadata.BACKCHANNEL_LOGOUT_SESSION_REQUIRED),
				params.containsKey(ClientMetadata.FIRST_PARTY), params.containsKey(ClientMetadata.PKCE_REQUIRED),
				text(params, ClientMetadata.ACCESS_TOKEN_LIFETIME), text(params, ClientMetadata.ID_TOKEN_LIFETIME),
				text(params, ClientMetadata.REFRESH_TOKEN_IDLE_LIFETIME),
				text(params, ClientMetadata.REFRESH_TOKEN_ABSOLUTE_LIFETIME),
				text(params, ClientMetadata.REFRESH_TOKEN_GRACE_WINDOW),
				params.containsKey(ClientMetadata.REQUIRE_VERIFIED_EMAIL),
				params.containsKey(ClientMetadata.REQUIRE_MFA));
	}

	/**
	 * The stored client as the edit form shows it (the API's view of it: no secret, no
	 * hash).
	 */
	@SuppressWarnings("unchecked")
	static ClientForm of(Client client) {
		Map<String, Object> json = ClientJson.metadata(client);
		return new ClientForm(client.clientId(), client.clientName(), lines(client.redirectUris()),
				lines(client.postLogoutRedirectUris()), lines(client.allowedCorsOrigins()),
				(List<String>) json.get(ClientMetadata.GRANT_TYPES),
				(String) json.get(ClientMetadata.TOKEN_ENDPOINT_AUTH_METHOD),
				(List<String>) json.getOrDefault(ClientMetadata.ADDITIONAL_TOKEN_ENDPOINT_AUTH_METHODS, List.of()),
				String.join(" ", client.scopes()), lines(client.audiences()), lines(client.resourceServerAudiences()),
				(client.backchannelLogoutUri() != null) ? client.backchannelLogoutUri() : "",
				client.backchannelLogoutSessionRequired(), client.firstParty(), client.requireProofKey(),
				duration(client.accessTokenTtl()), duration(client.idTokenTtl()), duration(client.refreshIdleTtl()),
				duration(client.refreshAbsoluteTtl()), duration(client.refreshGraceWindow()),
				client.requireVerifiedEmail(), client.requireMfa());
	}

	/**
	 * The metadata the form describes; a blank field is "not given" (the server default
	 * applies).
	 * @param readErrors receives a message per field that cannot be read (a malformed
	 * duration)
	 */
	ClientMetadata toMetadata(Map<String, String> readErrors) {
		return new ClientMetadata(blankToNull(this.clientId), blankToNull(this.clientName), list(this.redirectUris),
				list(this.postLogoutRedirectUris), list(this.allowedCorsOrigins), this.grantTypes, null,
				blankToNull(this.tokenEndpointAuthMethod),
				this.additionalTokenEndpointAuthMethods.isEmpty() ? null : this.additionalTokenEndpointAuthMethods,
				blankToNull(this.scope), blankToNull(this.backchannelLogoutUri), this.backchannelLogoutSessionRequired,
				list(this.audiences), list(this.resourceServerAudiences), this.firstParty, this.pkceRequired,
				duration(ClientMetadata.ACCESS_TOKEN_LIFETIME, this.accessTokenLifetime, readErrors),
				duration(ClientMetadata.ID_TOKEN_LIFETIME, this.idTokenLifetime, readErrors),
				duration(ClientMetadata.REFRESH_TOKEN_IDLE_LIFETIME, this.refreshTokenIdleLifetime, readErrors),
				duration(ClientMetadata.REFRESH_TOKEN_ABSOLUTE_LIFETIME, this.refreshTokenAbsoluteLifetime, readErrors),
				duration(ClientMetadata.REFRESH_TOKEN_GRACE_WINDOW, this.refreshTokenGraceWindow, readErrors),
				this.requireVerifiedEmail, this.requireMfa);
	}

	private static String text(MultiValueMap<String, String> params, String name) {
		String value = params.getFirst(name);
		return (value != null) ? value.trim() : "";
	}

	private static List<String> checked(MultiValueMap<String, String> params, String name) {
		List<String> values = params.get(name);
		return (values != null) ? values.stream().filter((value) -> !value.isBlank()).distinct().toList() : List.of();
	}

	private static String lines(java.util.Collection<String> values) {
		return String.join("\n", values);
	}

	private static List<String> list(String lines) {
		return Arrays.stream(lines.split("\\R")).map(String::trim).filter((line) -> !line.isEmpty()).toList();
	}

	private static String duration(Duration value) {
		return (value != null) ? value.toString() : "";
	}

	private static Duration duration(String field, String value, Map<String, String> readErrors) {
		if (value.isEmpty()) {
			return null;
		}
		try {
			return Duration.parse(value.toUpperCase(Locale.ROOT));
		}
		catch (DateTimeParseException ex) {
			readErrors.put(field, "must be an ISO-8601 duration such as PT15M, P14D or PT0S");
			return null;
		}
	}

	private static String blankToNull(String value) {
		return (value == null || value.isEmpty()) ? null : value;
	}

}
