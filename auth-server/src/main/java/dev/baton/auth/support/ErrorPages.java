package dev.baton.auth.support;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Baton's 400 page for a browser request refused without a redirect
 * ({@code templates/error/4xx.html}), telling the person why: the page shows the text of
 * the reason it is given.
 */
public final class ErrorPages {

	/** The request attribute the page reads the reason from. */
	public static final String REASON = "batonErrorReason";

	private ErrorPages() {
	}

	/**
	 * Answers 400 with the page for {@code reason} (a name the page knows, e.g.
	 * {@code UNKNOWN_CLIENT}).
	 */
	public static void badRequest(HttpServletRequest request, HttpServletResponse response, String reason)
			throws IOException {
		request.setAttribute(REASON, reason);
		response.sendError(HttpServletResponse.SC_BAD_REQUEST);
	}

}
