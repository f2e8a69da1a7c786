package dev.baton.auth.account;

import java.util.Map;

import dev.baton.auth.api.BatonApi;
import dev.baton.auth.support.RequestOrigins;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code DELETE /api/admin/users/{username}/sessions}: an administrator ends every
 * session of a user (a lost device, a compromised account). Every token family of the
 * user is revoked with reason {@code ADMIN_REVOKED} (DESIGN rule 6) and audited, and
 * every browser sign-in of the user is deleted, so no browser can get a new authorization
 * code without signing in again; the access tokens already issued expire within the
 * access-token lifetime. Secured like every {@code /api/admin/**} endpoint: a
 * client-credentials token with scope {@code baton.admin}.
 */
@RestController
@BatonApi
class AdminSessionsController {

	private final UserAdministration administration;

	AdminSessionsController(UserAdministration administration) {
		this.administration = administration;
	}

	@DeleteMapping("/api/admin/users/{username}/sessions")
	ResponseEntity<?> revokeAll(@PathVariable String username, @AuthenticationPrincipal Jwt admin,
			HttpServletRequest request) {
		return this.administration
			.signOutEverywhere(username, (admin != null) ? admin.getClaimAsString("client_id") : null,
					RequestOrigins.of(request))
			.<ResponseEntity<?>>map((ended) -> ResponseEntity.ok()
				.cacheControl(CacheControl.noStore())
				.body(Map.of("revoked", ended.families(), "signedOutBrowsers", ended.signIns())))
			.orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND)
				.body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No user with this username")));
	}

}
