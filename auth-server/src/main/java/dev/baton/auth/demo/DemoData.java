package dev.baton.auth.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import dev.baton.auth.client.Client;
import dev.baton.auth.user.UserAccount;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/** The demo data of DESIGN.md: tests and docs depend on these exact values. */
final class DemoData {

	static final String USERNAME = "alice";

	static final String PASSWORD = "alice-demo-password";

	static final String REDIRECT_URI = "http://127.0.0.1:8765/callback";

	static final String POST_LOGOUT_REDIRECT_URI = "http://127.0.0.1:8765/";

	static final String API_AUDIENCE = "http://localhost:8080";

	static final String[] USER_SCOPES = { "openid", "profile", "offline_access", "notes.read", "notes.write" };

	static final String WEB_SECRET = "demo-web-secret";

	static final String SERVICE_SECRET = "demo-service-secret";

	static final String ADMIN_SECRET = "demo-admin-secret";

	private DemoData() {
	}

	static Client mobileClient(Instant now) {
		return Client.withClientId("demo-mobile")
			.clientName("Baton demo mobile app")
			.authenticationMethods(ClientAuthenticationMethod.NONE)
			.grantTypes(AuthorizationGrantType.AUTHORIZATION_CODE, AuthorizationGrantType.REFRESH_TOKEN)
			.redirectUris(REDIRECT_URI)
			.postLogoutRedirectUris(POST_LOGOUT_REDIRECT_URI)
			.scopes(USER_SCOPES)
			.audiences(API_AUDIENCE)
			.requireProofKey(true)
			.firstParty(true)
			.refreshGraceWindow(Duration.ofSeconds(15))
			.createdAt(now)
			.build();
	}

	static Client webClient(String secretHash, Instant now) {
		return Client.withClientId("demo-web")
			.clientName("Baton demo web app")
			.clientSecretHash(secretHash)
			.authenticationMethods(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.grantTypes(AuthorizationGrantType.AUTHORIZATION_CODE, AuthorizationGrantType.REFRESH_TOKEN)
			.redirectUris(REDIRECT_URI)
			.postLogoutRedirectUris(POST_LOGOUT_REDIRECT_URI)
			.scopes(USER_SCOPES)
			.audiences(API_AUDIENCE)
			.requireProofKey(true)
			.firstParty(true)
			.refreshGraceWindow(Duration.ZERO)
			.createdAt(now)
			.build();
	}

	static Client serviceClient(String secretHash, Instant now) {
		return Client.withClientId("demo-service")
			.clientName("Baton demo service")
			.clientSecretHash(secretHash)
			.authenticationMethods(ClientAuthenticationMethod.CLIENT_SECRET_BASIC,
					ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.grantTypes(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.scopes("notes.read")
			.audiences(API_AUDIENCE)
			.firstParty(true)
			.createdAt(now)
			.build();
	}

	/**
	 * Not in DESIGN.md's table: the client that calls Baton's admin APIs in the demo (scope {@code baton.admin}).
	 * Its audience is Baton's own issuer ({@code http://localhost:9000} by default), the only audience Baton's APIs
	 * accept.
	 */
	static Client adminClient(String secretHash, String issuer, Instant now) {
		return Client.withClientId("demo-admin")
			.clientName("Baton demo administration")
			.clientSecretHash(secretHash)
			.authenticationMethods(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.grantTypes(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.scopes("baton.admin")
			.audiences(issuer)
			.firstParty(true)
			.createdAt(now)
			.build();
	}

	static UserAccount alice(String passwordHash, Instant now) {
		return new UserAccount(UUID.randomUUID().toString(), USERNAME, "alice@example.com", "Alice Example",
				passwordHash, true, now);
	}

}
