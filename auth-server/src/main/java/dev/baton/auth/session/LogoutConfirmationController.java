package dev.baton.auth.session;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import dev.baton.auth.support.ErrorPages;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * "Sign out of Baton?": the page an end-session request that does not prove itself lands
 * on, and its CSRF-protected form. Only the person's click signs the browser out
 * ({@link BrowserSignOut}); the request's parameters are checked again on both steps,
 * since they come back from the browser.
 */
@Controller
public class LogoutConfirmationController {

	/**
	 * The page, outside the framework's protocol endpoints so it is one of Baton's
	 * CSRF-protected pages.
	 */
	public static final String PATH = "/connect/logout/confirm";

	/** The 400 page's reason for a refused end-session request. */
	public static final String INVALID_REQUEST = "INVALID_LOGOUT_REQUEST";

	private final EndSessionRequests requests;

	private final BrowserSignOut signOut;

	LogoutConfirmationController(EndSessionRequests requests, BrowserSignOut signOut) {
		this.requests = requests;
		this.signOut = signOut;
	}

	/** The page's address for a request, carrying its parameters. */
	public static String pageFor(EndSessionRequest request) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromPath(PATH);
		addIfPresent(uri, "id_token_hint", request.idTokenHint());
		addIfPresent(uri, "client_id", request.clientId());
		addIfPresent(uri, "post_logout_redirect_uri", request.postLogoutRedirectUri());
		addIfPresent(uri, "state", request.state());
		return uri.build(true).toUriString();
	}

	@GetMapping(PATH)
	String confirm(HttpServletRequest request, Authentication browserUser, Model model) {
		model.addAttribute("endSession", this.requests.check(request));
		model.addAttribute("signedInAs", EndSessionRequests.isSignedIn(browserUser) ? browserUser.getName() : null);
		return "logout-confirm";
	}

	@PostMapping(PATH)
	void signOut(HttpServletRequest request, HttpServletResponse response) throws IOException {
		response.sendRedirect(this.signOut.signOut(this.requests.check(request), request, response));
	}

	@ExceptionHandler(InvalidEndSessionRequestException.class)
	void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
		ErrorPages.badRequest(request, response, INVALID_REQUEST);
	}

	private static void addIfPresent(UriComponentsBuilder uri, String name, String value) {
		if (value != null) {
			uri.queryParam(name, UriUtils.encode(value, StandardCharsets.UTF_8));
		}
	}

}
