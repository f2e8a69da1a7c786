package dev.baton.auth.signin;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code GET /login}: Baton's sign-in page. The form posts {@code username},
 * {@code password} and {@code _csrf} to {@code POST /login} (Spring Security's form
 * login), the same contract as the framework's default page.
 */
@Controller
class SignInPageController {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

	/**
	 * Reads the session only if there is one: an anonymous visit must not create a
	 * session row.
	 */
	@GetMapping("/login")
	String signIn(HttpServletRequest request, Model model) {
		HttpSession session = request.getSession(false);
		Object lockedUntil = (session != null) ? session.getAttribute(SignInFailureHandler.LOCKED_UNTIL) : null;
		if (lockedUntil instanceof Instant until) {
			model.addAttribute("lockedUntil", TIME.format(until));
		}
		return "login";
	}

}
