package dev.baton.auth.signin;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Back to the sign-in page: {@code /login?locked} when the username or IP is locked (the
 * page says until when and what to do), {@code /login?disabled} when the right password
 * was given for a disabled account, {@code /login?error} otherwise, with one message for
 * every other reason.
 */
public final class SignInFailureHandler implements AuthenticationFailureHandler {

	/** Session attribute: the end of the lock, shown on the locked page. */
	public static final String LOCKED_UNTIL = "baton.signIn.lockedUntil";

	private final RedirectStrategy redirects = new DefaultRedirectStrategy();

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		if (exception instanceof SignInThrottledException throttled) {
			request.getSession().setAttribute(LOCKED_UNTIL, throttled.lockedUntil());
			this.redirects.sendRedirect(request, response, "/login?locked");
			return;
		}
		if (exception instanceof DisabledException) {
			this.redirects.sendRedirect(request, response, "/login?disabled");
			return;
		}
		this.redirects.sendRedirect(request, response, "/login?error");
	}

}
