package dev.baton.auth.code;

import java.security.Principal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import dev.baton.auth.crypto.TokenHash;
import dev.baton.auth.token.AuthenticationMethods;
import dev.baton.auth.token.ResourceIndicators;
import dev.baton.auth.token.TokenAttributes;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.endpoint.PkceParameterNames;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * Converts between the framework's {@link OAuth2Authorization} and the
 * {@code authorization_code} row, which keeps the request's parameters as columns and the
 * code and consent state only as hashes.
 */
final class StoredAuthorizations {

	/**
	 * Stands for the refresh tokens issued from a code that is used again; never stored
	 * or sent anywhere.
	 */
	static final String REDEEMED_CODE_MARKER = "redeemed-authorization-code";

	private StoredAuthorizations() {
	}

	/** The row for an authorization that waits for consent or carries a fresh code. */
	static AuthorizationCode toRow(OAuth2Authorization authorization, String clientId, TokenHash codeHash,
			TokenHash consentStateHash, Instant issuedAt, Instant expiresAt) {
		OAuth2AuthorizationRequest request = authorization.getAttribute(OAuth2AuthorizationRequest.class.getName());
		Authentication principal = authorization.getAttribute(Principal.class.getName());
		Map<String, Object> parameters = request.getAdditionalParameters();
		Set<String> scopes = (codeHash != null) ? authorization.getAuthorizedScopes() : request.getScopes();
		return new AuthorizationCode(authorization.getId(), codeHash, consentStateHash, clientId,
				authorization.getPrincipalName(), TokenAttributes.authenticationTime(principal).orElse(issuedAt),
				scopes, request.getRedirectUri(), request.getState(),
				(String) parameters.get(PkceParameterNames.CODE_CHALLENGE),
				(String) parameters.get(PkceParameterNames.CODE_CHALLENGE_METHOD),
				(String) parameters.get(OidcParameterNames.NONCE), ResourceIndicators.requested(parameters), issuedAt,
				expiresAt, null, AuthenticationMethods.of(principal));
	}

	/**
	 * The authorization the framework's providers expect back for a row.
	 * @param presentedValue the code or consent state that was looked up: the row has
	 * only its hash
	 */
	static OAuth2Authorization fromRow(AuthorizationCode row, RegisteredClient client, String presentedValue,
			String authorizationUri) {
		Map<String, Object> parameters = new HashMap<>();
		putIfPresent(parameters, PkceParameterNames.CODE_CHALLENGE, row.codeChallenge());
		putIfPresent(parameters, PkceParameterNames.CODE_CHALLENGE_METHOD, row.codeChallengeMethod());
		putIfPresent(parameters, OidcParameterNames.NONCE, row.nonce());
		if (!row.resources().isEmpty()) {
			parameters.put(ResourceIndicators.PARAMETER, row.resources().toArray(String[]::new));
		}
		OAuth2AuthorizationRequest request = OAuth2AuthorizationRequest.authorizationCode()
			.authorizationUri(authorizationUri)
			.clientId(row.clientId())
			.redirectUri(row.redirectUri())
			.scopes(row.scopes())
			.state(row.clientState())
			.additionalParameters(parameters)
			.build();
		OAuth2Authorization.Builder builder = OAuth2Authorization.withRegisteredClient(client)
			.id(row.id())
			.principalName(row.subject())
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.attribute(OAuth2AuthorizationRequest.class.getName(), request)
			.attribute(Principal.class.getName(),
					TokenAttributes.userPrincipal(row.subject(), row.authTime(), row.methods()))
			.attribute(TokenAttributes.RESOURCES, row.resources().isEmpty() ? Set.of() : Set.copyOf(row.resources()));
		if (row.codeHash() != null) {
			builder.authorizedScopes(row.scopes())
				.token(new OAuth2AuthorizationCode(presentedValue, row.issuedAt(), row.expiresAt()),
						(metadata) -> metadata.put(OAuth2Authorization.Token.INVALIDATED_METADATA_NAME,
								row.isConsumed()));
			if (row.isConsumed()) {
				// Lets the framework's code provider "invalidate the tokens issued from
				// this code" when the code
				// comes back (RFC 6749 §4.1.2); saving that invalidation revokes the
				// family.
				builder.refreshToken(new OAuth2RefreshToken(REDEEMED_CODE_MARKER, row.issuedAt()));
			}
		}
		else {
			builder.attribute(OAuth2ParameterNames.STATE, presentedValue);
		}
		return builder.build();
	}

	private static void putIfPresent(Map<String, Object> parameters, String name, String value) {
		if (value != null) {
			parameters.put(name, value);
		}
	}

}
