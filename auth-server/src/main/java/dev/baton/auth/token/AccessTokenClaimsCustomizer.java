package dev.baton.auth.token;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.Set;

import dev.baton.auth.client.ClientPolicy;
import dev.baton.auth.support.SpaceDelimited;
import dev.baton.auth.user.UserAccountRepository;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationGrantAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Shapes access tokens as RFC 9068 JWTs: header {@code typ: at+jwt}; claims
 * {@code client_id}, {@code scope} as a space-separated string (§2.2.3), {@code aud}
 * naming the API (the client's audiences, narrowed by an RFC 8707 {@code resource}
 * parameter) and, for user tokens, {@code sub} = the account id, {@code auth_time} and
 * {@code sid}, the token family id. ID tokens get the same {@code sub} and {@code sid};
 * with scope {@code profile}, {@code preferred_username}; with scope {@code email} the
 * account's {@code email} and {@code email_verified} (OpenID Connect Core §5.4), read
 * from the account when the token is issued; and {@code amr} and {@code acr} saying how
 * the user signed in.
 */
public final class AccessTokenClaimsCustomizer implements OAuth2TokenCustomizer<JwtEncodingContext> {

	static final String ACCESS_TOKEN_TYPE = "at+jwt";

	private final TokenProperties properties;

	private final UserAccountRepository accounts;

	public AccessTokenClaimsCustomizer(TokenProperties properties, UserAccountRepository accounts) {
		this.properties = properties;
		this.accounts = accounts;
	}

	@Override
	public void customize(JwtEncodingContext context) {
		if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
			customizeAccessToken(context);
		}
		else if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
			Instant issuedAt = context.getClaims().build().getIssuedAt();
			Duration lifetime = ClientPolicy.idTokenTtl(context.getRegisteredClient());
			context.getClaims().expiresAt(issuedAt.plus((lifetime != null) ? lifetime : this.properties.idTokenTtl()));
			String username = context.getPrincipal().getName();
			applyUserSubject(context);
			// One sid per session (OpenID Connect Back-Channel Logout 1.0 §2.4): the
			// token family's, as in the
			// session's access tokens and logout tokens, instead of the framework's hash
			// of the sign-in session.
			context.getClaims().claim(TokenClaims.SESSION_ID, context.getAuthorization().getId());
			if (context.getAuthorizedScopes().contains(OidcScopes.PROFILE)) {
				context.getClaims().claim("preferred_username", username);
			}
			if (context.getAuthorizedScopes().contains(OidcScopes.EMAIL)) {
				applyEmail(context);
			}
			applyAuthenticationMethods(context);
		}
	}

	/**
	 * A user's {@code sub} is the account id, never the username (OpenID Connect Core §2:
	 * locally unique and never reassigned; §5.7: {@code preferred_username} is not a
	 * stable identifier), so it can neither be inherited by whoever registers a freed
	 * username nor equal the {@code sub} of a client's client-credentials tokens.
	 */
	private static void applyUserSubject(JwtEncodingContext context) {
		OAuth2Authorization authorization = context.getAuthorization();
		String subject = (authorization != null) ? authorization.getAttribute(TokenAttributes.SUBJECT) : null;
		if (subject == null) {
			throw new IllegalStateException("A user token without the account's subject id");
		}
		context.getClaims().subject(subject);
	}

	private void applyEmail(JwtEncodingContext context) {
		String subject = context.getAuthorization().getAttribute(TokenAttributes.SUBJECT);
		this.accounts.findById(subject).filter((account) -> account.email() != null).ifPresent((account) -> {
			context.getClaims().claim("email", account.email());
			context.getClaims().claim("email_verified", account.emailVerified());
		});
	}

	/**
	 * {@code amr} (RFC 8176) and {@code acr} (OpenID Connect Core §2) of the sign-in the
	 * ID token stands for, from the factors it carried ({@link AuthenticationMethods}).
	 */
	private static void applyAuthenticationMethods(JwtEncodingContext context) {
		Set<String> methods = AuthenticationMethods.of(context.getPrincipal());
		if (!methods.isEmpty()) {
			context.getClaims().claim("amr", AuthenticationMethods.amr(methods));
			context.getClaims().claim("acr", AuthenticationMethods.acr(methods));
		}
	}

	private void customizeAccessToken(JwtEncodingContext context) {
		RegisteredClient client = context.getRegisteredClient();
		context.getJwsHeader().type(ACCESS_TOKEN_TYPE);
		context.getClaims().claims((claims) -> {
			claims.remove(TokenClaims.SCOPE);
			if (!context.getAuthorizedScopes().isEmpty()) {
				claims.put(TokenClaims.SCOPE, SpaceDelimited.join(context.getAuthorizedScopes()));
			}
			claims.put("client_id", client.getClientId());
			claims.put("aud", new ArrayList<>(audiences(context)));
		});
		if (isUserToken(context)) {
			applyUserSubject(context);
			// A Date, as the framework's generator puts it in ID tokens: every JwtEncoder
			// writes it as NumericDate.
			TokenAttributes.authenticationTime(context.getPrincipal())
				.ifPresent((authTime) -> context.getClaims().claim("auth_time", Date.from(authTime)));
			context.getClaims().claim(TokenClaims.SESSION_ID, context.getAuthorization().getId());
		}
	}

	private static boolean isUserToken(JwtEncodingContext context) {
		AuthorizationGrantType grantType = context.getAuthorizationGrantType();
		return (AuthorizationGrantType.AUTHORIZATION_CODE.equals(grantType)
				|| AuthorizationGrantType.REFRESH_TOKEN.equals(grantType)) && context.getAuthorization() != null;
	}

	/**
	 * The granted audiences, narrowed to the requested {@code resource} values; a value
	 * outside the grant is {@code invalid_target} (RFC 8707 §2.2).
	 */
	private static Set<String> audiences(JwtEncodingContext context) {
		Set<String> granted = grantedAudiences(context);
		Set<String> requested = (context
			.getAuthorizationGrant() instanceof OAuth2AuthorizationGrantAuthenticationToken grant)
					? ResourceIndicators.requested(grant.getAdditionalParameters()) : Set.of();
		if (requested.isEmpty()) {
			return granted;
		}
		if (!ResourceIndicators.allowed(requested, granted)) {
			throw new OAuth2AuthenticationException(ResourceIndicators.invalidTarget());
		}
		return requested;
	}

	private static Set<String> grantedAudiences(JwtEncodingContext context) {
		OAuth2Authorization authorization = context.getAuthorization();
		Set<String> resources = (authorization != null) ? authorization.getAttribute(TokenAttributes.RESOURCES) : null;
		return (resources != null && !resources.isEmpty()) ? resources
				: ClientPolicy.audiences(context.getRegisteredClient());
	}

}
