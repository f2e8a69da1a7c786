package dev.baton.auth.web;

import java.net.URI;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import dev.baton.auth.client.ClientPolicy;
import dev.baton.auth.token.ResourceIndicators;
import dev.baton.auth.user.UserAccount;
import dev.baton.auth.user.UserAccountRepository;

import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.endpoint.PkceParameterNames;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;

/**
 * Checks an authorization request beyond the framework's redirect URI and scope rules
 * (confidential clients get exact redirect URI matching, {@link ExactRedirectUriRule}),
 * once the redirect URI is known to be registered (so errors can go back to the client,
 * RFC 6749 §4.1.2.1): the RFC 8707 {@code resource} values must be absolute URIs among
 * the client's audiences ({@code invalid_target}), the PKCE challenge must have the shape
 * of RFC 7636 §4.2, and {@code state} and {@code nonce} are bounded so nobody stores
 * megabytes in a code row. A client registered with {@code require_verified_email}
 * refuses a signed-in user whose e-mail address is not verified with
 * {@code access_denied} at its redirect URI (RFC 6749 §4.1.2.1: the server denies the
 * request; OpenID Connect Core §3.1.2.6), so such a client never sees an unverified
 * {@code email} claim.
 */
final class AuthorizationRequestValidator implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

	static final int MAX_STATE_LENGTH = 1000;

	static final int MAX_NONCE_LENGTH = 255;

	private static final Pattern CODE_CHALLENGE = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

	private final Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> frameworkRules = new ExactRedirectUriRule()
		.andThen(OAuth2AuthorizationCodeRequestAuthenticationValidator.DEFAULT_REDIRECT_URI_VALIDATOR)
		.andThen(OAuth2AuthorizationCodeRequestAuthenticationValidator.DEFAULT_SCOPE_VALIDATOR);

	private static final AuthenticationTrustResolver SIGN_INS = new AuthenticationTrustResolverImpl();

	private final UserAccountRepository accounts;

	AuthorizationRequestValidator(UserAccountRepository accounts) {
		this.accounts = accounts;
	}

	@Override
	public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
		this.frameworkRules.accept(context);
		OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
		if (request.getState() != null && request.getState().length() > MAX_STATE_LENGTH) {
			throw invalid(OAuth2ErrorCodes.INVALID_REQUEST, OAuth2ParameterNames.STATE, request, false);
		}
		Object nonce = request.getAdditionalParameters().get(OidcParameterNames.NONCE);
		if (nonce != null && (!(nonce instanceof String value) || value.length() > MAX_NONCE_LENGTH)) {
			throw invalid(OAuth2ErrorCodes.INVALID_REQUEST, OidcParameterNames.NONCE, request, true);
		}
		Object challenge = request.getAdditionalParameters().get(PkceParameterNames.CODE_CHALLENGE);
		if (challenge != null && (!(challenge instanceof String value) || !CODE_CHALLENGE.matcher(value).matches())) {
			throw invalid(OAuth2ErrorCodes.INVALID_REQUEST, PkceParameterNames.CODE_CHALLENGE, request, true);
		}
		Set<String> resources = ResourceIndicators.requested(request.getAdditionalParameters());
		Set<String> audiences = ClientPolicy.audiences(context.getRegisteredClient());
		if (!ResourceIndicators.allowed(resources, audiences)) {
			throw invalid(ResourceIndicators.INVALID_TARGET, ResourceIndicators.PARAMETER, request, true);
		}
		if (ClientPolicy.requiresVerifiedEmail(context.getRegisteredClient()) && isSignedIn(request)
				&& !hasVerifiedEmail(((Authentication) request.getPrincipal()).getName())) {
			throw denied(request);
		}
	}

	private static boolean isSignedIn(OAuth2AuthorizationCodeRequestAuthenticationToken request) {
		return request.getPrincipal() instanceof Authentication principal && SIGN_INS.isAuthenticated(principal);
	}

	private boolean hasVerifiedEmail(String username) {
		return this.accounts.findByUsername(username)
			.filter((account) -> account.email() != null)
			.map(UserAccount::emailVerified)
			.orElse(false);
	}

	private static OAuth2AuthorizationCodeRequestAuthenticationException denied(
			OAuth2AuthorizationCodeRequestAuthenticationToken request) {
		OAuth2Error error = new OAuth2Error(OAuth2ErrorCodes.ACCESS_DENIED,
				"This application requires a verified e-mail address", null);
		return new OAuth2AuthorizationCodeRequestAuthenticationException(error, echo(request, true));
	}

	private static OAuth2AuthorizationCodeRequestAuthenticationException invalid(String code, String parameter,
			OAuth2AuthorizationCodeRequestAuthenticationToken request, boolean keepState) {
		OAuth2Error error = new OAuth2Error(code, "Invalid parameter: " + parameter, null);
		return new OAuth2AuthorizationCodeRequestAuthenticationException(error, echo(request, keepState));
	}

	private static OAuth2AuthorizationCodeRequestAuthenticationToken echo(
			OAuth2AuthorizationCodeRequestAuthenticationToken request, boolean keepState) {
		return new OAuth2AuthorizationCodeRequestAuthenticationToken(request.getAuthorizationUri(),
				request.getClientId(), (Authentication) request.getPrincipal(), request.getRedirectUri(),
				keepState ? request.getState() : null, request.getScopes(), request.getAdditionalParameters());
	}

}
