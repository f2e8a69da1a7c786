package dev.baton.auth.console;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The 403 page of the console, forwarded to by the console chain's access-denied handler
 * (any method: a refused form post lands here too). It tells a missing role apart from a
 * form without a valid CSRF token.
 */
@Controller
class ConsoleForbiddenController {

	static final String PATH = "/admin/forbidden";

	@RequestMapping(PATH)
	@ResponseStatus(HttpStatus.FORBIDDEN)
	String forbidden(HttpServletRequest request, Model model) {
		Object denied = request.getAttribute(WebAttributes.ACCESS_DENIED_403);
		model.addAttribute("csrf", denied instanceof CsrfException);
		return "admin/forbidden";
	}

}
