package dev.baton.auth.client;

import java.time.Duration;
import java.util.List;

/**
 * A client as an administrator, the clients file or a dynamic registration describes it:
 * RFC 7591 §2 client metadata plus Baton's settings, every field {@code null} when not
 * given. {@link ClientMetadataValidator} checks it; {@link ClientRegistry} turns it into
 * a {@link Client} with the defaults applied.
 *
 * @param tokenEndpointAuthMethod RFC 7591 {@code token_endpoint_auth_method}; default
 * {@code client_secret_basic}
 * @param additionalTokenEndpointAuthMethods further secret methods the client may use (a
 * service that sends its secret either way)
 * @param allowedCorsOrigins the browser origins ({@code scheme://host[:port]}) that may
 * call the token, revocation, userinfo, JWKS and discovery endpoints (the name Ory Hydra
 * uses; not RFC 7591)
 * @param scope space-separated, as in RFC 7591 §2
 * @param pkceRequired default true; public clients cannot turn it off (OAuth 2.1 §7.5.1)
 * @param refreshTokenGraceWindow DESIGN rule 3; {@code PT0S} is strict rotation
 * @param requireVerifiedEmail default false; when true, users whose e-mail address is not
 * verified get {@code access_denied} at the authorization endpoint
 */
public record ClientMetadata(String clientId, String clientName, List<String> redirectUris,
		List<String> postLogoutRedirectUris, List<String> allowedCorsOrigins, List<String> grantTypes,
		List<String> responseTypes, String tokenEndpointAuthMethod, List<String> additionalTokenEndpointAuthMethods,
		String scope, String backchannelLogoutUri, Boolean backchannelLogoutSessionRequired, List<String> audiences,
		List<String> resourceServerAudiences, Boolean firstParty, Boolean pkceRequired, Duration accessTokenLifetime,
		Duration idTokenLifetime, Duration refreshTokenIdleLifetime, Duration refreshTokenAbsoluteLifetime,
		Duration refreshTokenGraceWindow, Boolean requireVerifiedEmail, Boolean requireMfa) {

	public static final String CLIENT_ID = "client_id";

	public static final String CLIENT_NAME = "client_name";

	public static final String REDIRECT_URIS = "redirect_uris";

	public static final String POST_LOGOUT_REDIRECT_URIS = "post_logout_redirect_uris";

	public static final String ALLOWED_CORS_ORIGINS = "allowed_cors_origins";

	public static final String GRANT_TYPES = "grant_types";

	public static final String RESPONSE_TYPES = "response_types";

	public static final String TOKEN_ENDPOINT_AUTH_METHOD = "token_endpoint_auth_method";

	public static final String ADDITIONAL_TOKEN_ENDPOINT_AUTH_METHODS = "additional_token_endpoint_auth_methods";

	public static final String SCOPE = "scope";

	public static final String BACKCHANNEL_LOGOUT_URI = "backchannel_logout_uri";

	public static final String BACKCHANNEL_LOGOUT_SESSION_REQUIRED = "backchannel_logout_session_required";

	public static final String AUDIENCES = "audiences";

	public static final String RESOURCE_SERVER_AUDIENCES = "resource_server_audiences";

	public static final String FIRST_PARTY = "first_party";

	public static final String PKCE_REQUIRED = "pkce_required";

	public static final String REQUIRE_VERIFIED_EMAIL = "require_verified_email";

	/** Baton's: the client's users sign in with a second factor. */
	public static final String REQUIRE_MFA = "require_mfa";

	public static final String ACCESS_TOKEN_LIFETIME = "access_token_lifetime";

	public static final String ID_TOKEN_LIFETIME = "id_token_lifetime";

	public static final String REFRESH_TOKEN_IDLE_LIFETIME = "refresh_token_idle_lifetime";

	public static final String REFRESH_TOKEN_ABSOLUTE_LIFETIME = "refresh_token_absolute_lifetime";

	public static final String REFRESH_TOKEN_GRACE_WINDOW = "refresh_token_grace_window";

	/**
	 * Written by Baton, never taken from input; {@code client_secret} is returned once.
	 */
	public static final String CLIENT_SECRET = "client_secret";

	public static final String CLIENT_ID_ISSUED_AT = "client_id_issued_at";

	public static final String CLIENT_SECRET_EXPIRES_AT = "client_secret_expires_at";

	public static final String PREVIOUS_CLIENT_SECRET_VALID_UNTIL = "previous_client_secret_valid_until";

	/** A copy naming a client id (the path's, or a generated one). */
	public ClientMetadata withClientId(String newClientId) {
		return new ClientMetadata(newClientId, this.clientName, this.redirectUris, this.postLogoutRedirectUris,
				this.allowedCorsOrigins, this.grantTypes, this.responseTypes, this.tokenEndpointAuthMethod,
				this.additionalTokenEndpointAuthMethods, this.scope, this.backchannelLogoutUri,
				this.backchannelLogoutSessionRequired, this.audiences, this.resourceServerAudiences, this.firstParty,
				this.pkceRequired, this.accessTokenLifetime, this.idTokenLifetime, this.refreshTokenIdleLifetime,
				this.refreshTokenAbsoluteLifetime, this.refreshTokenGraceWindow, this.requireVerifiedEmail,
				this.requireMfa);
	}

}
