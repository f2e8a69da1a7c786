package dev.baton.auth.session;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.baton.auth.token.TokenClaims;
import dev.baton.auth.user.SignedInAccounts;
import dev.baton.auth.user.UserAccount;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Component;

/**
 * Checks end-session requests (OpenID Connect RP-Initiated Logout 1.0) and decides
 * whether one may sign the browser out at once or must ask the person first.
 * <p>
 * An {@code id_token_hint} is verified against Baton's keys and issuer; an expired one is
 * accepted (§2) but proves less. A hint that does not verify is ignored: it names nobody,
 * and the request goes on as one without a hint. Baton redirects afterwards only to a
 * {@code post_logout_redirect_uri} registered for the client the request names.
 */
@Component
public class EndSessionRequests {

	private static final AuthenticationTrustResolver SIGN_INS = new AuthenticationTrustResolverImpl();

	private final JwtDecoder hints;

	private final RegisteredClientRepository clients;

	private final SignedInAccounts accounts;

	private final AccountSessionService sessions;

	private final Clock clock;

	EndSessionRequests(@Qualifier("idTokenHintDecoder") JwtDecoder hints, RegisteredClientRepository clients,
			SignedInAccounts accounts, AccountSessionService sessions, Clock clock) {
		this.hints = hints;
		this.clients = clients;
		this.accounts = accounts;
		this.sessions = sessions;
		this.clock = clock;
	}

	/**
	 * Checks the request's {@code id_token_hint}, {@code client_id},
	 * {@code post_logout_redirect_uri} and {@code state} (query or form; each at most
	 * once, §2).
	 * @throws InvalidEndSessionRequestException when Baton must show an error instead
	 */
	public EndSessionRequest check(HttpServletRequest request) {
		return check(single(request, "id_token_hint"), single(request, "client_id"),
				single(request, "post_logout_redirect_uri"), single(request, "state"));
	}

	/**
	 * @param idTokenHint {@code id_token_hint}, or {@code null}
	 * @param clientId {@code client_id}, or {@code null}
	 * @param postLogoutRedirectUri {@code post_logout_redirect_uri}, or {@code null}
	 * @param state {@code state}, or {@code null}
	 * @throws InvalidEndSessionRequestException when Baton must show an error instead
	 */
	public EndSessionRequest check(String idTokenHint, String clientId, String postLogoutRedirectUri, String state) {
		Optional<Jwt> hint = verify(idTokenHint);
		String hintClient = hint.map(EndSessionRequests::clientOf).orElse(null);
		if (clientId != null && hint.isPresent() && !clientId.equals(hintClient)
				&& (hintClient != null || !hint.get().getAudience().contains(clientId))) {
			throw new InvalidEndSessionRequestException("client_id does not match the id_token_hint's client");
		}
		String namedClient = (hintClient != null) ? hintClient : clientId;
		RegisteredClient client = (namedClient != null) ? this.clients.findByClientId(namedClient) : null;
		if (namedClient != null && client == null) {
			throw new InvalidEndSessionRequestException("unknown client");
		}
		if (postLogoutRedirectUri != null
				&& (client == null || !client.getPostLogoutRedirectUris().contains(postLogoutRedirectUri))) {
			throw new InvalidEndSessionRequestException("post_logout_redirect_uri is not registered for the client");
		}
		return new EndSessionRequest(idTokenHint, (client != null) ? client.getClientId() : null,
				(client != null) ? client.getClientName() : null, postLogoutRedirectUri, state,
				hint.map(this::toHint).orElse(null));
	}

	/**
	 * Whether the request may end the browser's sign-in without asking: the browser is
	 * signed in, and the hint is current, names the signed-in user and a session that
	 * started in this browser. Anything less (no sign-in cookie, an expired hint or one
	 * of another user or device, no hint at all) needs the person's confirmation, so a
	 * link or an image carrying an old ID token ends nothing by itself.
	 */
	public boolean mayEndWithoutAsking(EndSessionRequest request, HttpServletRequest http, Authentication browserUser) {
		EndSessionRequest.Hint hint = request.hint();
		if (hint == null || hint.expired() || hint.sessionId() == null || !isSignedIn(browserUser)) {
			return false;
		}
		Optional<UserAccount> user = this.accounts.of(browserUser);
		return user.isPresent() && user.get().id().equals(hint.subject())
				&& BrowserCookie.hashOf(http)
					.map((browser) -> this.sessions.startedIn(browser, hint.sessionId()))
					.orElse(false);
	}

	private static String single(HttpServletRequest request, String name) {
		String[] values = request.getParameterValues(name);
		if (values != null && values.length > 1) {
			throw new InvalidEndSessionRequestException(name + " is repeated");
		}
		return (values != null && !values[0].isBlank()) ? values[0] : null;
	}

	static boolean isSignedIn(Authentication browserUser) {
		return SIGN_INS.isAuthenticated(browserUser);
	}

	private Optional<Jwt> verify(String idTokenHint) {
		if (idTokenHint == null) {
			return Optional.empty();
		}
		try {
			return Optional.of(this.hints.decode(idTokenHint)).filter((jwt) -> jwt.getSubject() != null);
		}
		catch (JwtException ex) {
			return Optional.empty();
		}
	}

	private EndSessionRequest.Hint toHint(Jwt jwt) {
		Instant expiresAt = jwt.getExpiresAt();
		return new EndSessionRequest.Hint(jwt.getSubject(), TokenClaims.sessionId(jwt),
				expiresAt == null || !expiresAt.isAfter(this.clock.instant()));
	}

	/**
	 * The client an ID token was issued to: {@code azp}, or its only audience (OpenID
	 * Connect Core §2).
	 */
	private static String clientOf(Jwt jwt) {
		if (jwt.getClaimAsString("azp") != null) {
			return jwt.getClaimAsString("azp");
		}
		List<String> audience = jwt.getAudience();
		return (audience != null && audience.size() == 1) ? audience.get(0) : null;
	}

}
