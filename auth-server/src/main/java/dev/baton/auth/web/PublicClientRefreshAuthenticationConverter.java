package dev.baton.auth.web;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.endpoint.PkceParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Public clients (a mobile app, {@code token_endpoint_auth_method=none}) identify
 * themselves with {@code client_id} alone when they refresh (OAuth 2.1 §4.3.1) or revoke
 * a token (RFC 7009 §2.1). The framework's public-client converter only accepts a PKCE
 * code exchange, so this one covers the other two requests, and a code exchange that
 * lacks its {@code code_verifier} (refused with {@code invalid_grant}, RFC 7636 §4.6). A
 * request carrying any credential is left to the confidential-client converters.
 */
final class PublicClientRefreshAuthenticationConverter implements AuthenticationConverter {

	static final String PUBLIC_REQUEST = "baton.public_client_request";

	/** Marks a code exchange by {@code client_id} alone without {@code code_verifier}. */
	static final String CODE_WITHOUT_VERIFIER = "baton.code_without_verifier";

	private final String tokenEndpoint;

	private final String revocationEndpoint;

	PublicClientRefreshAuthenticationConverter(String tokenEndpoint, String revocationEndpoint) {
		this.tokenEndpoint = tokenEndpoint;
		this.revocationEndpoint = revocationEndpoint;
	}

	@Override
	public Authentication convert(HttpServletRequest request) {
		if (!"POST".equals(request.getMethod()) || request.getHeader(HttpHeaders.AUTHORIZATION) != null
				|| request.getParameter(OAuth2ParameterNames.CLIENT_SECRET) != null
				|| request.getParameter(OAuth2ParameterNames.CLIENT_ASSERTION) != null) {
			return null;
		}
		String path = request.getRequestURI().substring(request.getContextPath().length());
		String grantType = request.getParameter(OAuth2ParameterNames.GRANT_TYPE);
		boolean refresh = this.tokenEndpoint.equals(path)
				&& AuthorizationGrantType.REFRESH_TOKEN.getValue().equals(grantType);
		// The framework's converter takes a code exchange with code_verifier; without
		// one, it would end as an
		// unauthenticated request (401 invalid_client) instead of RFC 7636 §4.6's
		// invalid_grant.
		boolean codeWithoutVerifier = this.tokenEndpoint.equals(path)
				&& AuthorizationGrantType.AUTHORIZATION_CODE.getValue().equals(grantType)
				&& request.getParameter(PkceParameterNames.CODE_VERIFIER) == null;
		if (!refresh && !codeWithoutVerifier && !this.revocationEndpoint.equals(path)) {
			return null;
		}
		String[] clientIds = request.getParameterValues(OAuth2ParameterNames.CLIENT_ID);
		if (clientIds == null) {
			return null;
		}
		if (clientIds.length != 1 || clientIds[0].isBlank()) {
			throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_REQUEST);
		}
		Map<String, Object> parameters = new HashMap<>();
		request.getParameterMap().forEach((name, values) -> {
			if (!OAuth2ParameterNames.CLIENT_ID.equals(name)) {
				parameters.put(name, (values.length == 1) ? values[0] : List.of(values));
			}
		});
		parameters.put(PUBLIC_REQUEST, Boolean.TRUE);
		if (codeWithoutVerifier) {
			parameters.put(CODE_WITHOUT_VERIFIER, Boolean.TRUE);
		}
		return new OAuth2ClientAuthenticationToken(clientIds[0], ClientAuthenticationMethod.NONE, null, parameters);
	}

}
