package dev.baton.auth.mfa;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import dev.baton.auth.support.RequestOrigins;
import dev.baton.auth.user.UserAccount;
import dev.baton.auth.user.UserAccountRepository;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /account/second-factor}: setting up TOTP (a QR code drawn on the server and the
 * secret as text, confirmed by a first valid code, which also adds the factor to this
 * sign-in), the ten recovery codes shown once, and removing the second factor. The secret
 * of an unfinished enrolment lives only in this browser's session, encrypted.
 */
@Controller
class SecondFactorSettingsController {

	static final String PATH = "/account/second-factor";

	/**
	 * Session attribute: the secret shown for an enrolment not confirmed yet, encrypted
	 * ({@link SecondFactors#sealPending}).
	 */
	static final String PENDING_SECRET = "baton.mfa.pendingSecret";

	private static final String ISSUER_LABEL = "Baton";

	private final SecondFactors secondFactors;

	private final SecondFactorSessions sessions;

	private final UserAccountRepository accounts;

	SecondFactorSettingsController(SecondFactors secondFactors, SecondFactorSessions sessions,
			UserAccountRepository accounts) {
		this.secondFactors = secondFactors;
		this.sessions = sessions;
		this.accounts = accounts;
	}

	@GetMapping(PATH)
	String settings(Authentication authentication, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		UserAccount account = account(authentication);
		model.addAttribute("username", account.username());
		if (this.secondFactors.isEnrolled(account)) {
			model.addAttribute("enrolled", true);
			model.addAttribute("recoveryCodesLeft", this.secondFactors.unusedRecoveryCodes(account));
			return "account-second-factor";
		}
		HttpSession session = request.getSession();
		String secret = pendingSecret(account, session).orElseGet(SecondFactors::newSecret);
		session.setAttribute(PENDING_SECRET, this.secondFactors.sealPending(account, secret));
		return enrolmentForm(account, secret, false, this.sessions.hasPendingRequest(request, response), model);
	}

	@PostMapping(PATH)
	String enrol(@RequestParam(required = false) String code, Authentication authentication, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		UserAccount account = account(authentication);
		model.addAttribute("username", account.username());
		HttpSession session = request.getSession();
		Optional<String> pending = pendingSecret(account, session);
		if (pending.isEmpty()) {
			return "redirect:" + PATH;
		}
		String secret = pending.get();
		Optional<List<String>> codes = this.secondFactors.enrol(account, secret, code, RequestOrigins.of(request));
		if (codes.isEmpty()) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return enrolmentForm(account, secret, true, this.sessions.hasPendingRequest(request, response), model);
		}
		session.removeAttribute(PENDING_SECRET);
		// The code just proved the new factor: this sign-in has it now.
		this.sessions.addSecondFactor(authentication, request, response);
		response.setHeader("Cache-Control", "no-store");
		model.addAttribute("recoveryCodes", codes.get());
		model.addAttribute("continueUrl", this.sessions.continueUrl(request, response));
		return "recovery-codes";
	}

	@PostMapping(PATH + "/remove")
	String remove(Authentication authentication, HttpServletRequest request) {
		this.secondFactors.remove(account(authentication), RequestOrigins.of(request));
		return "redirect:/account?secondFactorRemoved";
	}

	private String enrolmentForm(UserAccount account, String secret, boolean failed, boolean required, Model model) {
		String uri = "otpauth://totp/" + encode(ISSUER_LABEL + ":" + account.username()) + "?secret=" + secret
				+ "&issuer=" + encode(ISSUER_LABEL) + "&algorithm=SHA1&digits=" + Totp.DIGITS + "&period="
				+ Totp.STEP_SECONDS;
		model.addAttribute("enrolled", false);
		model.addAttribute("secret", secret);
		model.addAttribute("secretGroups", String.join(" ", secret.split("(?<=\\G.{4})")));
		model.addAttribute("qrCode", QrCodes.svg(uri, "QR code of the TOTP secret for " + account.username()));
		model.addAttribute("failed", failed);
		model.addAttribute("required", required);
		return "account-second-factor";
	}

	private Optional<String> pendingSecret(UserAccount account, HttpSession session) {
		return (session.getAttribute(PENDING_SECRET) instanceof byte[] sealed)
				? this.secondFactors.openPending(account, sealed) : Optional.empty();
	}

	private UserAccount account(Authentication authentication) {
		return this.accounts.findByUsername(authentication.getName())
			.filter(UserAccount::enabled)
			.orElseThrow(() -> new AccessDeniedException("The account is disabled or deleted"));
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
