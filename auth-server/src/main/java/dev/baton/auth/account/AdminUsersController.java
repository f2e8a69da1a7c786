package dev.baton.auth.account;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.baton.auth.api.BatonApi;
import dev.baton.auth.api.InvalidParameterException;
import dev.baton.auth.session.AccountSession;
import dev.baton.auth.session.AccountSessionService;
import dev.baton.auth.signin.SignInThrottle;
import dev.baton.auth.signin.ThrottleKey;
import dev.baton.auth.support.RequestOrigin;
import dev.baton.auth.support.RequestOrigins;
import dev.baton.auth.user.UserAccount;
import dev.baton.auth.user.UserAccountRepository;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The user lifecycle for administrators under {@code /api/admin/users} (a
 * client-credentials token with scope {@code baton.admin}, enforced by the
 * {@code /api/admin/**} chain): create, search, show with sessions, disable or enable,
 * set roles, unlock the sign-in throttle, delete. Every change is audited with the acting
 * client ({@code client_id} of the token). Errors are Problem Details (RFC 9457).
 */
@RestController
@BatonApi
class AdminUsersController {

	static final int MAX_PAGE_SIZE = 100;

	private final UserAdministration administration;

	private final UserAccountRepository accounts;

	private final AccountSessionService sessions;

	private final SignInThrottle throttle;

	AdminUsersController(UserAdministration administration, UserAccountRepository accounts,
			AccountSessionService sessions, SignInThrottle throttle) {
		this.administration = administration;
		this.accounts = accounts;
		this.sessions = sessions;
		this.throttle = throttle;
	}

	@PostMapping(path = "/api/admin/users", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> create(@RequestBody NewUser body, @AuthenticationPrincipal Jwt admin,
			HttpServletRequest request) {
		UserAdministration.Creation outcome = this.administration.create(body.username(), body.email(),
				body.displayName(), body.password(), (body.roles() != null) ? Set.copyOf(body.roles()) : Set.of(),
				adminClient(admin), RequestOrigins.of(request));
		if (outcome instanceof UserAdministration.Creation.Created created) {
			return ResponseEntity.created(URI.create("/api/admin/users/" + created.account().username()))
				.cacheControl(CacheControl.noStore())
				.body(UserView.of(created.account(), created.roles(), null, null));
		}
		if (outcome instanceof UserAdministration.Creation.Taken taken) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
					"Another account has this " + (taken.field().equals("email") ? "e-mail address" : "username"));
			problem.setProperty("errors", Map.of(taken.field(), "is taken"));
			return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
		}
		return invalid(((UserAdministration.Creation.Rejected) outcome).errors());
	}

	/**
	 * One page of the accounts whose username or e-mail address starts with
	 * {@code query}, by username.
	 */
	@GetMapping("/api/admin/users")
	ResponseEntity<UserPage> search(@RequestParam(required = false) String query,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
		if (page < 0) {
			throw new InvalidParameterException("page", "must be 0 or more");
		}
		if (size < 1 || size > MAX_PAGE_SIZE) {
			throw new InvalidParameterException("size", "must be between 1 and " + MAX_PAGE_SIZE);
		}
		if (query != null && query.length() > 254) {
			throw new InvalidParameterException("query", "must be at most 254 characters long");
		}
		List<UserView> users = this.accounts.search(query, page * size, size)
			.stream()
			.map((account) -> UserView.of(account, this.accounts.findRoles(account.id()), null, null))
			.toList();
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.body(new UserPage(users, page, size, this.accounts.count(query)));
	}

	/**
	 * The account with its live sessions and, when the sign-in throttle holds it, until
	 * when.
	 */
	@GetMapping("/api/admin/users/{username}")
	ResponseEntity<?> show(@PathVariable String username) {
		Optional<UserAccount> found = this.accounts.findByUsername(username);
		if (found.isEmpty()) {
			return notFound();
		}
		UserAccount account = found.get();
		List<AccountSession> live = this.sessions.list(account, Optional.empty(), null);
		Instant lockedUntil = this.throttle.lockedUntil(ThrottleKey.account(account.username())).orElse(null);
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.body(UserView.of(account, this.accounts.findRoles(account.id()), live, lockedUntil));
	}

	/**
	 * {@code {"enabled": false}} disables (and ends every session), {@code {"roles":
	 * ["admin"]}} sets roles.
	 */
	@PatchMapping(path = "/api/admin/users/{username}",
			consumes = { MediaType.APPLICATION_JSON_VALUE, "application/merge-patch+json" })
	ResponseEntity<?> update(@PathVariable String username, @RequestBody UserPatch body,
			@AuthenticationPrincipal Jwt admin, HttpServletRequest request) {
		if (body.enabled() == null && body.roles() == null) {
			return invalid(Map.of("enabled", "give enabled, roles or both"));
		}
		Set<String> roles = (body.roles() != null) ? new LinkedHashSet<>(body.roles()) : null;
		Optional<String> roleError = UserAdministration.unknownRoles(roles);
		if (roleError.isPresent()) {
			return invalid(Map.of("roles", roleError.get()));
		}
		if (this.accounts.findByUsername(username).isEmpty()) {
			return notFound();
		}
		RequestOrigin origin = RequestOrigins.of(request);
		if (roles != null) {
			this.administration.setRoles(username, roles, adminClient(admin), origin);
		}
		if (body.enabled() != null) {
			this.administration.setEnabled(username, body.enabled(), adminClient(admin), origin);
		}
		return show(username);
	}

	@PostMapping("/api/admin/users/{username}/unlock")
	ResponseEntity<?> unlock(@PathVariable String username, @AuthenticationPrincipal Jwt admin,
			HttpServletRequest request) {
		return this.administration.unlock(username, adminClient(admin), RequestOrigins.of(request))
				? ResponseEntity.noContent().build() : notFound();
	}

	@DeleteMapping("/api/admin/users/{username}")
	ResponseEntity<?> delete(@PathVariable String username, @AuthenticationPrincipal Jwt admin,
			HttpServletRequest request) {
		return this.administration.delete(username, adminClient(admin), RequestOrigins.of(request))
				? ResponseEntity.noContent().build() : notFound();
	}

	static String adminClient(Jwt admin) {
		return (admin != null) ? admin.getClaimAsString("client_id") : null;
	}

	static ResponseEntity<ProblemDetail> notFound() {
		return ResponseEntity.status(HttpStatus.NOT_FOUND)
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No user with this username"));
	}

	private static ResponseEntity<ProblemDetail> invalid(Map<String, String> errors) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Some fields are not valid");
		problem.setType(AccountApiController.INVALID_INPUT);
		problem.setTitle("Invalid input");
		problem.setProperty("errors", errors);
		return ResponseEntity.badRequest().body(problem);
	}

	record NewUser(String username, String email, String displayName, String password, List<String> roles) {

		@Override
		public String toString() {
			return "NewUser[username=" + this.username + "]";
		}

	}

	record UserPatch(Boolean enabled, List<String> roles) {
	}

	/**
	 * An account as administrators see it; never its password hash.
	 *
	 * @param id the stable subject identifier ({@code sub} of the user's tokens)
	 * @param sessions the live sessions (token families), only when one account is shown
	 */
	record UserView(String id, String username, String email, boolean emailVerified, String displayName,
			boolean enabled, Set<String> roles, Instant createdAt, Instant lockedUntil, List<AccountSession> sessions) {

		static UserView of(UserAccount account, Set<String> roles, List<AccountSession> sessions, Instant lockedUntil) {
			return new UserView(account.id(), account.username(), account.email(), account.emailVerified(),
					account.displayName(), account.enabled(), roles, account.createdAt(), lockedUntil, sessions);
		}

	}

	record UserPage(List<UserView> users, int page, int size, long total) {
	}

}
