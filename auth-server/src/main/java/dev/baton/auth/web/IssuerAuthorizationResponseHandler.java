package dev.baton.auth.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.util.StringUtils;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * The authorization response (RFC 6749 §4.1.2) with the issuer: {@code code},
 * {@code state} and {@code iss} (RFC 9207 §2), so a client that talks to several
 * authorization servers can tell which one answered and is not fooled by a mix-up attack.
 * Discovery says so ({@code authorization_response_iss_parameter_supported}).
 */
final class IssuerAuthorizationResponseHandler implements AuthenticationSuccessHandler {

	static final String ISS = "iss";

	private final RedirectStrategy redirects = new DefaultRedirectStrategy();

	private final String issuer;

	IssuerAuthorizationResponseHandler(String issuer) {
		this.issuer = issuer;
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException {
		OAuth2AuthorizationCodeRequestAuthenticationToken result = (OAuth2AuthorizationCodeRequestAuthenticationToken) authentication;
		UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(result.getRedirectUri())
			.queryParam(OAuth2ParameterNames.CODE, result.getAuthorizationCode().getTokenValue());
		if (StringUtils.hasText(result.getState())) {
			uri.queryParam(OAuth2ParameterNames.STATE, UriUtils.encode(result.getState(), StandardCharsets.UTF_8));
		}
		uri.queryParam(ISS, UriUtils.encode(this.issuer, StandardCharsets.UTF_8));
		this.redirects.sendRedirect(request, response, uri.build(true).toUriString());
	}

}
