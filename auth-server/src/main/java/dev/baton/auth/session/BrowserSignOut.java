package dev.baton.auth.session;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import dev.baton.auth.audit.AuditEventType;
import dev.baton.auth.audit.AuditLog;
import dev.baton.auth.crypto.TokenHash;
import dev.baton.auth.support.RequestOrigin;
import dev.baton.auth.support.RequestOrigins;
import dev.baton.auth.user.SignedInAccounts;
import dev.baton.auth.user.UserAccount;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Ends one browser's sign-in at Baton (RP-initiated logout): the sign-in session of this
 * browser, and the sessions (token families) of its user that started in this browser. A
 * session on another device is never touched, whatever the request carries. Each ended
 * family is revoked with reason {@code LOGGED_OUT} and so reaches its app through
 * back-channel logout.
 */
@Component
public class BrowserSignOut {

	private final AccountSessionService sessions;

	private final SignedInAccounts accounts;

	private final AuditLog auditLog;

	private final SecurityContextLogoutHandler signInEnder = new SecurityContextLogoutHandler();

	BrowserSignOut(AccountSessionService sessions, SignedInAccounts accounts, AuditLog auditLog) {
		this.sessions = sessions;
		this.accounts = accounts;
		this.auditLog = auditLog;
	}

	/**
	 * Signs the browser out. Whose sessions end: the signed-in user's; when the browser
	 * is not signed in (its sign-in expired), those of the user a verified hint names.
	 * @return where to send the browser: the request's {@code post_logout_redirect_uri}
	 * with {@code state}, or Baton's sign-in page saying the browser is signed out
	 */
	public String signOut(EndSessionRequest request, HttpServletRequest http, HttpServletResponse response) {
		Authentication browserUser = SecurityContextHolder.getContext().getAuthentication();
		boolean signedIn = EndSessionRequests.isSignedIn(browserUser);
		Optional<String> subject = signedIn ? this.accounts.of(browserUser).map(UserAccount::id)
				: request.hintSubject();
		Optional<TokenHash> browser = BrowserCookie.hashOf(http);
		RequestOrigin origin = RequestOrigins.of(http);
		if (subject.isPresent() && browser.isPresent()) {
			this.sessions.signOutStartedIn(subject.get(), browser.get(), origin);
		}
		if (signedIn) {
			this.auditLog.record(AuditEventType.SIGNED_OUT, subject.orElse(browserUser.getName()), request.clientId(),
					null, null, origin);
			this.signInEnder.logout(http, response, browserUser);
		}
		return redirectTarget(request);
	}

	private static String redirectTarget(EndSessionRequest request) {
		if (request.postLogoutRedirectUri() == null) {
			return "/login?logout";
		}
		UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(request.postLogoutRedirectUri());
		if (request.state() != null) {
			uri.queryParam("state", UriUtils.encode(request.state(), StandardCharsets.UTF_8));
		}
		return uri.build(true).toUriString();
	}

}
