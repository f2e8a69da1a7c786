package dev.baton.auth.consent;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.baton.auth.support.SpaceDelimited;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /oauth2/consent}: asks the user to grant a client that is not first-party
 * the scopes it requested. The form posts back to the authorization endpoint
 * ({@code client_id}, {@code state}, the chosen {@code scope}s, {@code _csrf}); a request
 * with no scope is a refusal ({@code access_denied} to the client). {@code openid} is
 * implied by the framework and not asked for; scopes granted before are shown as granted.
 */
@Controller
class ConsentPageController {

	static final Map<String, String> DESCRIPTIONS = Map.of(OidcScopes.PROFILE, "Your name and username",
			OidcScopes.EMAIL, "Your e-mail address", "offline_access",
			"Stay signed in: use your account while you are away", "baton.account",
			"See and sign out your sessions, change your password");

	private final RegisteredClientRepository clients;

	private final OAuth2AuthorizationConsentService consents;

	ConsentPageController(RegisteredClientRepository clients, OAuth2AuthorizationConsentService consents) {
		this.clients = clients;
		this.consents = consents;
	}

	@GetMapping("/oauth2/consent")
	String consent(@RequestParam("client_id") String clientId, @RequestParam(defaultValue = "") String scope,
			@RequestParam String state, Authentication authentication, Model model) {
		RegisteredClient client = this.clients.findByClientId(clientId);
		if (client == null) {
			// Only the authorization endpoint sends the browser here, with a registered
			// client: anything else is
			// a malformed request, a 400 page (not an ERROR in the log).
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Unknown client");
		}
		OAuth2AuthorizationConsent previous = this.consents.findById(client.getId(), authentication.getName());
		Set<String> granted = (previous != null) ? previous.getScopes() : Set.of();
		Set<String> toApprove = new LinkedHashSet<>();
		Set<String> approvedBefore = new LinkedHashSet<>();
		for (String requested : SpaceDelimited.parse(scope)) {
			if (OidcScopes.OPENID.equals(requested) || !client.getScopes().contains(requested)) {
				continue;
			}
			(granted.contains(requested) ? approvedBefore : toApprove).add(requested);
		}
		model.addAttribute("clientId", client.getClientId());
		model.addAttribute("clientName", client.getClientName());
		model.addAttribute("state", state);
		model.addAttribute("username", authentication.getName());
		model.addAttribute("scopesToApprove", describe(toApprove));
		model.addAttribute("approvedScopes", describe(approvedBefore));
		return "consent";
	}

	private static List<ScopeDescription> describe(Set<String> scopes) {
		return scopes.stream()
			.map((scope) -> new ScopeDescription(scope, DESCRIPTIONS.getOrDefault(scope, "Access to " + scope)))
			.toList();
	}

	record ScopeDescription(String scope, String description) {
	}

}
