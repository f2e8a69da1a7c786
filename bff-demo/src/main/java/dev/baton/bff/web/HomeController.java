package dev.baton.bff.web;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The page: signed out, a link that starts the sign-in at Baton; signed in, the user's
 * notes (loaded by {@code bff.js} through {@code /api/notes}) and a sign-out form. The
 * page shows who is signed in from the ID token's claims, never a token.
 */
@Controller
class HomeController {

	@GetMapping("/")
	String home(@AuthenticationPrincipal OidcUser user, Model model) {
		if (user != null) {
			String name = (user.getFullName() != null) ? user.getFullName() : user.getPreferredUsername();
			model.addAttribute("name", (name != null) ? name : user.getSubject());
		}
		return "index";
	}

}
