package dev.baton.auth.console;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.baton.auth.client.Client;
import dev.baton.auth.client.ClientMetadata;
import dev.baton.auth.client.ClientOutcome;
import dev.baton.auth.client.ClientRegistry;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;

/**
 * {@code /admin/clients}: the client registry in the console. Every change goes through
 * {@link ClientRegistry} (validation, audit, secret hashing); a new or rotated secret is
 * shown once, on the answer to the form that created it, and never again.
 */
@Controller
class ConsoleClientsController {

	static final int PAGE_SIZE = 20;

	private final ClientRegistry registry;

	private final ConsoleAdmins admins;

	ConsoleClientsController(ClientRegistry registry, ConsoleAdmins admins) {
		this.registry = registry;
		this.admins = admins;
	}

	@GetMapping({ "/admin", "/admin/" })
	String home() {
		return "redirect:/admin/clients";
	}

	@GetMapping("/admin/clients")
	String list(@RequestParam(defaultValue = "0") int page, Model model) {
		int current = Math.max(page, 0);
		long total = this.registry.count();
		model.addAttribute("clients", this.registry.list(current, PAGE_SIZE));
		model.addAttribute("paging", Paging.of(current, PAGE_SIZE, total));
		model.addAttribute("pagerBase", "/admin/clients?");
		return "admin/clients";
	}

	@GetMapping("/admin/clients/new")
	String newForm(Model model) {
		return form(model, ClientForm.blank(), Map.of(), true);
	}

	@PostMapping("/admin/clients")
	String create(@RequestParam MultiValueMap<String, String> params, Authentication authentication,
			HttpServletRequest request, Model model) {
		ClientForm form = ClientForm.from(params);
		Map<String, String> readErrors = new LinkedHashMap<>();
		ClientMetadata metadata = form.toMetadata(readErrors);
		if (!readErrors.isEmpty()) {
			return form(model, form, this.registry.problems(metadata, null, readErrors), true);
		}
		ClientOutcome outcome = this.registry.create(metadata, this.admins.clientActor(authentication, request));
		if (outcome instanceof ClientOutcome.Created created) {
			if (created.secret() == null) {
				return "redirect:" + path(created.client().clientId()) + "?created";
			}
			return secret(model, created.client(), created.secret(), "created", null);
		}
		return form(model, form, problems(outcome), true);
	}

	@GetMapping("/admin/clients/{clientId}")
	String edit(@PathVariable String clientId, Model model) {
		Optional<Client> client = this.registry.find(clientId);
		if (client.isEmpty()) {
			return "redirect:/admin/clients?notFound";
		}
		model.addAttribute("client", client.get());
		return form(model, ClientForm.of(client.get()), Map.of(), false);
	}

	@PostMapping("/admin/clients/{clientId}")
	String update(@PathVariable String clientId, @RequestParam MultiValueMap<String, String> params,
			Authentication authentication, HttpServletRequest request, Model model) {
		Optional<Client> client = this.registry.find(clientId);
		if (client.isEmpty()) {
			return "redirect:/admin/clients?notFound";
		}
		ClientForm form = ClientForm.from(params);
		Map<String, String> readErrors = new LinkedHashMap<>();
		ClientMetadata metadata = form.toMetadata(readErrors).withClientId(clientId);
		model.addAttribute("client", client.get());
		if (!readErrors.isEmpty()) {
			return form(model, form, this.registry.problems(metadata, clientId, readErrors), false);
		}
		ClientOutcome outcome = this.registry.replace(clientId, metadata,
				this.admins.clientActor(authentication, request));
		if (outcome instanceof ClientOutcome.Updated || outcome instanceof ClientOutcome.Unchanged) {
			return "redirect:" + path(clientId) + "?"
					+ ((outcome instanceof ClientOutcome.Updated) ? "updated" : "unchanged");
		}
		if (outcome instanceof ClientOutcome.NotFound) {
			return "redirect:/admin/clients?notFound";
		}
		return form(model, form, problems(outcome), false);
	}

	/**
	 * Rotates the secret; the previous one keeps working for the overlap given
	 * ({@code PT0S}: not at all), at most {@link ClientRegistry#MAX_SECRET_OVERLAP}.
	 */
	@PostMapping("/admin/clients/{clientId}/secret")
	String rotateSecret(@PathVariable String clientId, @RequestParam(defaultValue = "PT0S") String overlap,
			Authentication authentication, HttpServletRequest request, Model model) {
		Optional<Client> client = this.registry.find(clientId);
		if (client.isEmpty()) {
			return "redirect:/admin/clients?notFound";
		}
		Duration parsed;
		try {
			parsed = overlap.isBlank() ? Duration.ZERO : Duration.parse(overlap.trim().toUpperCase(Locale.ROOT));
		}
		catch (DateTimeParseException ex) {
			return rotateRefused(model, client.get(), "must be an ISO-8601 duration such as PT0S or P1D");
		}
		ClientOutcome outcome = this.registry.rotateSecret(clientId, parsed,
				this.admins.clientActor(authentication, request));
		if (outcome instanceof ClientOutcome.SecretRotated rotated) {
			return secret(model, rotated.client(), rotated.secret(), "rotated", parsed);
		}
		if (outcome instanceof ClientOutcome.NotFound) {
			return "redirect:/admin/clients?notFound";
		}
		return rotateRefused(model, client.get(), String.join("; ", problems(outcome).values()));
	}

	@GetMapping("/admin/clients/{clientId}/delete")
	String confirmDelete(@PathVariable String clientId, Model model) {
		Optional<Client> client = this.registry.find(clientId);
		if (client.isEmpty()) {
			return "redirect:/admin/clients?notFound";
		}
		model.addAttribute("client", client.get());
		return "admin/client-delete";
	}

	@PostMapping("/admin/clients/{clientId}/delete")
	String delete(@PathVariable String clientId, Authentication authentication, HttpServletRequest request,
			Model model) {
		ClientOutcome outcome = this.registry.delete(clientId, this.admins.clientActor(authentication, request));
		if (outcome instanceof ClientOutcome.Deleted deleted) {
			return "redirect:/admin/clients?deleted=" + UriUtils.encodeQueryParam(deleted.clientId(), "UTF-8")
					+ "&revoked=" + deleted.revokedFamilies();
		}
		if (outcome instanceof ClientOutcome.Conflict conflict) {
			model.addAttribute("client", this.registry.find(clientId).orElse(null));
			model.addAttribute("refused", conflict.reason());
			return "admin/client-delete";
		}
		return "redirect:/admin/clients?notFound";
	}

	private String form(Model model, ClientForm form, Map<String, String> errors, boolean creating) {
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("creating", creating);
		model.addAttribute("grantTypes", ClientForm.GRANT_TYPES);
		model.addAttribute("authMethods", ClientForm.AUTH_METHODS);
		return "admin/client-form";
	}

	private String secret(Model model, Client client, String secret, String event, Duration overlap) {
		model.addAttribute("client", client);
		model.addAttribute("secret", secret);
		model.addAttribute("event", event);
		model.addAttribute("overlap", overlap);
		return "admin/client-secret";
	}

	private String rotateRefused(Model model, Client client, String problem) {
		model.addAttribute("client", client);
		model.addAttribute("rotateError", problem);
		return form(model, ClientForm.of(client), Map.of(), false);
	}

	/**
	 * The field messages of a refused change; a refusal that names no field is put under
	 * {@code _form}.
	 */
	private static Map<String, String> problems(ClientOutcome outcome) {
		if (outcome instanceof ClientOutcome.Invalid invalid) {
			return invalid.errors();
		}
		if (outcome instanceof ClientOutcome.AlreadyExists) {
			return Map.of(ClientMetadata.CLIENT_ID, "is taken by another client");
		}
		if (outcome instanceof ClientOutcome.Conflict conflict) {
			return Map.of("_form", "Not saved: " + conflict.reason());
		}
		if (outcome instanceof ClientOutcome.NotFound) {
			return Map.of("_form", "The client no longer exists");
		}
		return Map.of("_form", "Not saved");
	}

	static String path(String clientId) {
		return "/admin/clients/" + UriUtils.encodePathSegment(clientId, "UTF-8");
	}

}
