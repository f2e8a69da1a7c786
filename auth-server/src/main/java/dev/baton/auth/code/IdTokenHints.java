package dev.baton.auth.code;

import java.security.Principal;
import java.time.Instant;
import java.util.List;

import dev.baton.auth.token.TokenAttributes;
import dev.baton.auth.user.UserAccount;
import dev.baton.auth.user.UserAccountRepository;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Component;

/**
 * Turns an {@code id_token_hint} (OIDC RP-Initiated Logout §2) into the authorization the framework's logout
 * provider checks, by verifying its signature against Baton's key set instead of looking it up: ID tokens are not
 * stored.
 */
@Component
class IdTokenHints {

	private final JwtDecoder decoder;

	private final RegisteredClientRepository clients;

	private final UserAccountRepository accounts;

	IdTokenHints(@Qualifier("idTokenHintDecoder") JwtDecoder decoder, RegisteredClientRepository clients,
			UserAccountRepository accounts) {
		this.decoder = decoder;
		this.clients = clients;
		this.accounts = accounts;
	}

	OAuth2Authorization toAuthorization(String idTokenHint) {
		Jwt jwt;
		try {
			jwt = this.decoder.decode(idTokenHint);
		}
		catch (JwtException ex) {
			return null;
		}
		String clientId = (jwt.getClaimAsString("azp") != null) ? jwt.getClaimAsString("azp") : firstAudience(jwt);
		RegisteredClient client = (clientId != null) ? this.clients.findByClientId(clientId) : null;
		if (client == null || jwt.getSubject() == null) {
			return null;
		}
		Instant issuedAt = (jwt.getIssuedAt() != null) ? jwt.getIssuedAt() : Instant.EPOCH;
		OidcIdToken idToken = new OidcIdToken(jwt.getTokenValue(), issuedAt, jwt.getExpiresAt(), jwt.getClaims());
		Instant authTime = (jwt.getClaimAsInstant("auth_time") != null) ? jwt.getClaimAsInstant("auth_time")
				: issuedAt;
		// The framework compares the hint's principal with the browser sign-in, which is named by username; the
		// hint's sub is the account id (OIDC Core §2). A hint of a deleted account matches no sign-in.
		String principalName = this.accounts.findById(jwt.getSubject())
			.map(UserAccount::username)
			.orElse(jwt.getSubject());
		return OAuth2Authorization.withRegisteredClient(client)
			.id("id-token-hint")
			.principalName(principalName)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.token(idToken, (metadata) -> metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, jwt.getClaims()))
			.attribute(Principal.class.getName(), TokenAttributes.userPrincipal(principalName, authTime))
			.attribute(TokenAttributes.SUBJECT, jwt.getSubject())
			.build();
	}

	private static String firstAudience(Jwt jwt) {
		List<String> audience = jwt.getAudience();
		return (audience != null && !audience.isEmpty()) ? audience.get(0) : null;
	}

}
