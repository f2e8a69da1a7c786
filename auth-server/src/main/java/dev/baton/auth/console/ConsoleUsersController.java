package dev.baton.auth.console;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.baton.auth.account.UserAdministration;
import dev.baton.auth.session.AccountSessionService;
import dev.baton.auth.signin.SignInThrottle;
import dev.baton.auth.signin.ThrottleKey;
import dev.baton.auth.support.RequestOrigin;
import dev.baton.auth.support.RequestOrigins;
import dev.baton.auth.user.UserAccount;
import dev.baton.auth.user.UserAccountRepository;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;

/**
 * {@code /admin/users}: search accounts, show one with its sessions, and what
 * {@link UserAdministration} does to it (disable or enable, unlock, sign out everywhere,
 * roles, delete), each audited with the acting admin.
 */
@Controller
class ConsoleUsersController {

	static final int PAGE_SIZE = 20;

	private final UserAdministration administration;

	private final UserAccountRepository accounts;

	private final AccountSessionService sessions;

	private final SignInThrottle throttle;

	private final ConsoleAdmins admins;

	ConsoleUsersController(UserAdministration administration, UserAccountRepository accounts,
			AccountSessionService sessions, SignInThrottle throttle, ConsoleAdmins admins) {
		this.administration = administration;
		this.accounts = accounts;
		this.sessions = sessions;
		this.throttle = throttle;
		this.admins = admins;
	}

	/**
	 * Accounts whose username or e-mail address starts with {@code query}, by username.
	 */
	@GetMapping("/admin/users")
	String search(@RequestParam(defaultValue = "") String query, @RequestParam(defaultValue = "0") int page,
			Model model) {
		String trimmed = (query.length() > 254) ? query.substring(0, 254).trim() : query.trim();
		int current = Math.max(page, 0);
		String search = trimmed.isEmpty() ? null : trimmed;
		List<UserAccount> found = this.accounts.search(search, current * PAGE_SIZE, PAGE_SIZE);
		model.addAttribute("query", trimmed);
		model.addAttribute("users", found);
		model.addAttribute("paging", Paging.of(current, PAGE_SIZE, this.accounts.count(search)));
		model.addAttribute("pagerBase", "/admin/users?query=" + UriUtils.encodeQueryParam(trimmed, "UTF-8") + "&");
		return "admin/users";
	}

	@GetMapping("/admin/users/{username}")
	String show(@PathVariable String username, Authentication authentication, Model model) {
		Optional<UserAccount> found = this.accounts.findByUsername(username);
		if (found.isEmpty()) {
			return "redirect:/admin/users?notFound";
		}
		UserAccount account = found.get();
		model.addAttribute("user", account);
		model.addAttribute("roles", this.accounts.findRoles(account.id()));
		model.addAttribute("knownRoles", UserAdministration.ROLES.stream().sorted().toList());
		model.addAttribute("sessions", this.sessions.list(account, Optional.empty(), null));
		model.addAttribute("lockedUntil",
				this.throttle.lockedUntil(ThrottleKey.account(account.username())).orElse(null));
		model.addAttribute("self", account.id().equals(this.admins.current(authentication).id()));
		return "admin/user";
	}

	@PostMapping("/admin/users/{username}/disable")
	String disable(@PathVariable String username, Authentication authentication, HttpServletRequest request) {
		return this.administration.setEnabled(username, false, this.admins.actor(authentication), origin(request))
			.map((account) -> redirect(username, "disabled"))
			.orElse(notFound());
	}

	@PostMapping("/admin/users/{username}/enable")
	String enable(@PathVariable String username, Authentication authentication, HttpServletRequest request) {
		return this.administration.setEnabled(username, true, this.admins.actor(authentication), origin(request))
			.map((account) -> redirect(username, "enabled"))
			.orElse(notFound());
	}

	@PostMapping("/admin/users/{username}/unlock")
	String unlock(@PathVariable String username, Authentication authentication, HttpServletRequest request) {
		return this.administration.unlock(username, this.admins.actor(authentication), origin(request))
				? redirect(username, "unlocked") : notFound();
	}

	@PostMapping("/admin/users/{username}/sign-out-everywhere")
	String signOutEverywhere(@PathVariable String username, Authentication authentication, HttpServletRequest request) {
		return this.administration.signOutEverywhere(username, this.admins.actor(authentication), origin(request))
			.map((ended) -> redirect(username, "signedOut=" + ended.families() + "&signIns=" + ended.signIns()))
			.orElse(notFound());
	}

	/** The checked roles replace the user's roles; an unknown one is refused. */
	@PostMapping("/admin/users/{username}/roles")
	String roles(@PathVariable String username, @RequestParam(name = "role", required = false) List<String> roles,
			Authentication authentication, HttpServletRequest request) {
		Set<String> given = (roles != null) ? new HashSet<>(roles) : Set.of();
		if (UserAdministration.unknownRoles(given).isPresent()) {
			return redirect(username, "unknownRole");
		}
		return this.administration.setRoles(username, given, this.admins.actor(authentication), origin(request))
			.map((set) -> redirect(username, "rolesSaved"))
			.orElse(notFound());
	}

	@GetMapping("/admin/users/{username}/delete")
	String confirmDelete(@PathVariable String username, Model model) {
		Optional<UserAccount> found = this.accounts.findByUsername(username);
		if (found.isEmpty()) {
			return notFound();
		}
		model.addAttribute("user", found.get());
		return "admin/user-delete";
	}

	@PostMapping("/admin/users/{username}/delete")
	String delete(@PathVariable String username, Authentication authentication, HttpServletRequest request) {
		return this.administration.delete(username, this.admins.actor(authentication), origin(request))
				? "redirect:/admin/users?deleted=" + UriUtils.encodeQueryParam(username, "UTF-8") : notFound();
	}

	private static RequestOrigin origin(HttpServletRequest request) {
		return RequestOrigins.of(request);
	}

	private static String redirect(String username, String notice) {
		return "redirect:/admin/users/" + UriUtils.encodePathSegment(username, "UTF-8") + "?" + notice;
	}

	private static String notFound() {
		return "redirect:/admin/users?notFound";
	}

}
