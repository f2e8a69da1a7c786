package dev.baton.auth.web;

import java.net.URI;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * Where an error of {@link AuthorizationPromptFilter} may go: back to the client only
 * when its {@code redirect_uri} is registered for it (RFC 6749 §4.1.2.1), by the same
 * rules the framework and {@link ExactRedirectUriRule} apply: exact for confidential
 * clients; for public clients a loopback IP redirect URI may use any port (RFC 8252
 * §7.3). Otherwise {@code null}: the user gets the error page.
 */
final class PromptRedirects {

	private static final AnonymousAuthenticationToken ANONYMOUS = new AnonymousAuthenticationToken("anonymous",
			"anonymousUser", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));

	private final RegisteredClientRepository clients;

	private final String authorizationUri;

	PromptRedirects(RegisteredClientRepository clients, String authorizationUri) {
		this.clients = clients;
		this.authorizationUri = authorizationUri;
	}

	OAuth2AuthorizationCodeRequestAuthenticationToken trustedTarget(HttpServletRequest request) {
		String clientId = single(request, OAuth2ParameterNames.CLIENT_ID);
		String redirectUri = single(request, OAuth2ParameterNames.REDIRECT_URI);
		RegisteredClient client = (clientId != null) ? this.clients.findByClientId(clientId) : null;
		if (client == null || redirectUri == null || !isRegistered(client, redirectUri)) {
			return null;
		}
		String state = single(request, OAuth2ParameterNames.STATE);
		if (state != null && state.length() > AuthorizationRequestValidator.MAX_STATE_LENGTH) {
			state = null;
		}
		return new OAuth2AuthorizationCodeRequestAuthenticationToken(this.authorizationUri, clientId, ANONYMOUS,
				redirectUri, state, Set.of(), Map.of());
	}

	private static boolean isRegistered(RegisteredClient client, String requested) {
		if (client.getRedirectUris().contains(requested)) {
			return true;
		}
		if (!client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE)) {
			return false;
		}
		URI uri = parse(requested);
		if (uri == null || !isLoopbackIp(uri.getHost())) {
			return false;
		}
		return client.getRedirectUris()
			.stream()
			.map(PromptRedirects::parse)
			.anyMatch((registered) -> registered != null && isLoopbackIp(registered.getHost())
					&& registered.getScheme().equals(uri.getScheme()) && registered.getHost().equals(uri.getHost())
					&& equal(registered.getRawPath(), uri.getRawPath())
					&& equal(registered.getRawQuery(), uri.getRawQuery()) && uri.getRawFragment() == null
					&& uri.getRawUserInfo() == null);
	}

	private static boolean isLoopbackIp(String host) {
		return "127.0.0.1".equals(host) || "[::1]".equals(host);
	}

	private static boolean equal(String a, String b) {
		return (a == null) ? b == null : a.equals(b);
	}

	private static URI parse(String value) {
		try {
			URI uri = URI.create(value);
			return (uri.getScheme() != null && uri.getHost() != null) ? uri : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static String single(HttpServletRequest request, String name) {
		String[] values = request.getParameterValues(name);
		return (values != null && values.length == 1 && !values[0].isBlank()) ? values[0] : null;
	}

}
