package dev.baton.auth.session;

import java.util.Map;

import dev.baton.auth.refresh.RevocationReason;
import dev.baton.auth.refresh.TokenFamilyService;
import dev.baton.auth.support.RequestOrigins;
import dev.baton.auth.web.BatonApi;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code DELETE /api/admin/users/{username}/sessions}: an administrator ends every session of a user (a lost
 * device, a compromised account). Every token family of the user is revoked with reason {@code ADMIN_REVOKED}
 * (DESIGN rule 6) and audited; the access tokens already issued expire within the access-token lifetime. Secured
 * like every {@code /api/admin/**} endpoint: a client-credentials token with scope {@code baton.admin}.
 */
@RestController
@BatonApi
class AdminSessionsController {

	private final TokenFamilyService families;

	AdminSessionsController(TokenFamilyService families) {
		this.families = families;
	}

	@DeleteMapping("/api/admin/users/{username}/sessions")
	ResponseEntity<Map<String, Integer>> revokeAll(@PathVariable String username, HttpServletRequest request) {
		int revoked = this.families.revokeAllOf(username, null, RevocationReason.ADMIN_REVOKED,
				RequestOrigins.of(request));
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(Map.of("revoked", revoked));
	}

}
