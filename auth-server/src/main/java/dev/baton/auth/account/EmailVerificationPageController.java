package dev.baton.auth.account;

import dev.baton.auth.support.RequestOrigins;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /account/email/verify?token=…}, the mailed verification link: the page asks to
 * confirm, and its form's POST uses the link (a mail scanner fetching the link uses
 * nothing). Open to anyone: the link is the proof.
 */
@Controller
class EmailVerificationPageController {

	private final EmailVerificationService verifications;

	EmailVerificationPageController(EmailVerificationService verifications) {
		this.verifications = verifications;
	}

	@GetMapping(EmailVerificationService.PATH)
	String confirmForm(@RequestParam(required = false) String token, HttpServletResponse response, Model model) {
		noReferrer(response);
		if (!this.verifications.isUsable(token)) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("invalid", true);
		}
		model.addAttribute("token", token);
		return "email-verify";
	}

	@PostMapping(EmailVerificationService.PATH)
	String verify(@RequestParam(required = false) String token, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		noReferrer(response);
		if (this.verifications.verify(token, RequestOrigins.of(request)).isPresent()) {
			model.addAttribute("verified", true);
		}
		else {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("invalid", true);
		}
		return "email-verify";
	}

	private static void noReferrer(HttpServletResponse response) {
		response.setHeader("Referrer-Policy", "no-referrer");
		response.setHeader("Cache-Control", "no-store");
	}

}
