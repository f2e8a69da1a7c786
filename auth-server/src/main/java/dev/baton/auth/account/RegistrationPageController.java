package dev.baton.auth.account;

import java.util.Map;

import dev.baton.auth.support.RequestOrigins;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /account/register}: the registration form. On success the person goes on to the
 * sign-in page; an authorization request that sent them there is still waiting in their
 * session and continues after sign-in.
 */
@Controller
class RegistrationPageController {

	private final RegistrationService registrations;

	RegistrationPageController(RegistrationService registrations) {
		this.registrations = registrations;
	}

	@GetMapping("/account/register")
	String form(Model model) {
		model.addAttribute("form", new Registration("", "", "", null));
		model.addAttribute("errors", Map.of());
		return "register";
	}

	@PostMapping("/account/register")
	String register(@RequestParam(required = false) String username, @RequestParam(required = false) String email,
			@RequestParam(required = false) String displayName, @RequestParam(required = false) String password,
			@RequestParam(required = false) String confirmPassword, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		Registration registration = new Registration(username, email, displayName, password);
		model.addAttribute("form", new Registration(username, email, displayName, null));
		// Every field is checked in the same round trip, the repeated password with the
		// others.
		Map<String, String> pageErrors = (password == null || !password.equals(confirmPassword))
				? Map.of("confirmPassword", "does not match the password") : Map.of();
		RegistrationOutcome outcome = this.registrations.register(registration, RequestOrigins.of(request), pageErrors);
		if (outcome instanceof RegistrationOutcome.Registered) {
			return "redirect:/login?registered";
		}
		if (outcome instanceof RegistrationOutcome.Rejected rejected) {
			model.addAttribute("errors", rejected.errors());
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return "register";
		}
		model.addAttribute("errors", Map.of("form", "Too many attempts from your network. Try again in 15 minutes."));
		response.setStatus(429);
		return "register";
	}

}
