package dev.baton.auth.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import dev.baton.auth.support.ErrorPages;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.util.StringUtils;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * A refused authorization request. When the redirect URI is trusted, the error goes back
 * to the client (RFC 6749 §4.1.2.1) with {@code state} and the issuer ({@code iss}, RFC
 * 9207 §2). When it is not (unknown or missing {@code client_id}, a {@code redirect_uri}
 * the client did not register), the user must not be redirected: they get Baton's 400
 * page saying which of the two happened ({@link ErrorPages}), and the log gets a line the
 * client's developer can act on: the client id and the redirect URI given, and the ones
 * registered.
 */
final class AuthorizationErrorResponseHandler implements AuthenticationFailureHandler {

	private static final Logger logger = LoggerFactory.getLogger(AuthorizationErrorResponseHandler.class);

	private static final int MAX_LOGGED_LENGTH = 300;

	private final RedirectStrategy redirects = new DefaultRedirectStrategy();

	private final RegisteredClientRepository clients;

	private final String issuer;

	AuthorizationErrorResponseHandler(RegisteredClientRepository clients, String issuer) {
		this.clients = clients;
		this.issuer = issuer;
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		OAuth2Error error = (exception instanceof OAuth2AuthenticationException oauth) ? oauth.getError()
				: new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST);
		OAuth2AuthorizationCodeRequestAuthenticationToken authorization = (exception instanceof OAuth2AuthorizationCodeRequestAuthenticationException failed)
				? failed.getAuthorizationCodeRequestAuthentication() : null;
		if (authorization == null || !StringUtils.hasText(authorization.getRedirectUri())) {
			showErrorPage(request, response, error);
			return;
		}
		UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(authorization.getRedirectUri())
			.queryParam(OAuth2ParameterNames.ERROR, error.getErrorCode());
		if (StringUtils.hasText(error.getDescription())) {
			uri.queryParam(OAuth2ParameterNames.ERROR_DESCRIPTION,
					UriUtils.encode(error.getDescription(), StandardCharsets.UTF_8));
		}
		if (StringUtils.hasText(error.getUri())) {
			uri.queryParam(OAuth2ParameterNames.ERROR_URI, UriUtils.encode(error.getUri(), StandardCharsets.UTF_8));
		}
		if (StringUtils.hasText(authorization.getState())) {
			uri.queryParam(OAuth2ParameterNames.STATE,
					UriUtils.encode(authorization.getState(), StandardCharsets.UTF_8));
		}
		uri.queryParam(IssuerAuthorizationResponseHandler.ISS, UriUtils.encode(this.issuer, StandardCharsets.UTF_8));
		this.redirects.sendRedirect(request, response, uri.build(true).toUriString());
	}

	private void showErrorPage(HttpServletRequest request, HttpServletResponse response, OAuth2Error error)
			throws IOException {
		String clientId = single(request, OAuth2ParameterNames.CLIENT_ID);
		String redirectUri = single(request, OAuth2ParameterNames.REDIRECT_URI);
		RegisteredClient client = (clientId != null) ? this.clients.findByClientId(clientId) : null;
		Reason reason;
		if (client == null) {
			reason = Reason.UNKNOWN_CLIENT;
			logger.warn("Authorization request refused: client_id {} is {}; no redirect (RFC 6749 §4.1.2.1)",
					loggable(clientId), (clientId == null) ? "missing or repeated" : "not registered");
		}
		else if (mentions(error, OAuth2ParameterNames.REDIRECT_URI)) {
			reason = Reason.UNREGISTERED_REDIRECT_URI;
			logger.warn(
					"Authorization request of client {} refused: redirect_uri {} is not registered for it "
							+ "(registered: {}); no redirect (RFC 6749 §4.1.2.1)",
					client.getClientId(), loggable(redirectUri), client.getRedirectUris());
		}
		else {
			reason = Reason.INVALID_REQUEST;
			logger.info("Authorization request of client {} refused without redirect: {} ({})", client.getClientId(),
					error.getErrorCode(), loggable(error.getDescription()));
		}
		ErrorPages.badRequest(request, response, reason.name());
	}

	private static boolean mentions(OAuth2Error error, String parameter) {
		return error.getDescription() != null && error.getDescription().contains(parameter);
	}

	private static String single(HttpServletRequest request, String name) {
		String[] values = request.getParameterValues(name);
		return (values != null && values.length == 1 && !values[0].isBlank()) ? values[0] : null;
	}

	/**
	 * Quoted, without control characters and bounded, so a hostile value cannot forge or
	 * flood log lines.
	 */
	static String loggable(String value) {
		if (value == null) {
			return "(none)";
		}
		String clean = value.replaceAll("\\p{Cntrl}", "?");
		return "'" + ((clean.length() > MAX_LOGGED_LENGTH) ? clean.substring(0, MAX_LOGGED_LENGTH) + "…" : clean) + "'";
	}

	/** Why the request could not go back to the client. */
	enum Reason {

		UNKNOWN_CLIENT, UNREGISTERED_REDIRECT_URI, INVALID_REQUEST

	}

}
