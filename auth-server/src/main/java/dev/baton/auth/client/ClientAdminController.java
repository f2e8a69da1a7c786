package dev.baton.auth.client;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import dev.baton.auth.api.BatonApi;
import dev.baton.auth.api.InvalidParameterException;
import dev.baton.auth.support.RequestOrigins;
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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The client admin API under {@code /api/admin/clients} (scope {@code baton.admin},
 * enforced by the {@code /api/admin/**} chain): register, list, read, replace, rotate the
 * secret of and delete clients, with RFC 7591 metadata names. Every answer is
 * {@code no-store} (one of them carries a secret); errors are Problem Details naming
 * every faulty field. The work is {@link ClientRegistry}'s; this class only maps HTTP to
 * it.
 */
@RestController
@BatonApi
class ClientAdminController {

	static final String PATH = "/api/admin/clients";

	/**
	 * The body member of a secret rotation: how long the previous secret keeps working.
	 */
	static final String PREVIOUS_SECRET_VALID_FOR = "previous_secret_valid_for";

	private static final int DEFAULT_PAGE_SIZE = 50;

	private final ClientRegistry registry;

	private final ClientRegistryProperties properties;

	private final Clock clock;

	ClientAdminController(ClientRegistry registry, ClientRegistryProperties properties, Clock clock) {
		this.registry = registry;
		this.properties = properties;
		this.clock = clock;
	}

	@PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> create(HttpServletRequest request, @AuthenticationPrincipal Jwt admin) {
		return withMetadata(request, null, (metadata) -> {
			ClientOutcome outcome = this.registry.create(metadata, actor(admin, request));
			if (outcome instanceof ClientOutcome.Created created) {
				return ResponseEntity.created(URI.create(PATH + "/" + created.client().clientId()))
					.cacheControl(CacheControl.noStore())
					.body(ClientJson.of(created.client(), created.secret(), this.clock.instant()));
			}
			return problem(outcome);
		});
	}

	@GetMapping(PATH)
	ResponseEntity<Map<String, Object>> list(@RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "" + DEFAULT_PAGE_SIZE) int size) {
		if (page < 0) {
			throw new InvalidParameterException("page", "must be 0 or more");
		}
		if (size < 1 || size > this.properties.listMaxPageSize()) {
			throw new InvalidParameterException("size", "must be between 1 and " + this.properties.listMaxPageSize());
		}
		long total = this.registry.count();
		List<Map<String, Object>> clients = this.registry.list(page, size)
			.stream()
			.map((client) -> ClientJson.of(client, null, this.clock.instant()))
			.toList();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("clients", clients);
		body.put("page", page);
		body.put("size", size);
		body.put("totalElements", total);
		body.put("totalPages", (total + size - 1) / size);
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
	}

	@GetMapping(PATH + "/{clientId}")
	ResponseEntity<?> read(@PathVariable String clientId) {
		return this.registry.find(clientId)
			.<ResponseEntity<?>>map((client) -> ResponseEntity.ok()
				.cacheControl(CacheControl.noStore())
				.body(ClientJson.of(client, null, this.clock.instant())))
			.orElseGet(() -> ClientProblems.notFound(clientId));
	}

	@PutMapping(path = PATH + "/{clientId}", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> replace(@PathVariable String clientId, HttpServletRequest request,
			@AuthenticationPrincipal Jwt admin) {
		return withMetadata(request, clientId, (metadata) -> {
			ClientOutcome outcome = this.registry.replace(clientId, metadata, actor(admin, request));
			if (outcome instanceof ClientOutcome.Updated updated) {
				return ok(updated.client(), null);
			}
			if (outcome instanceof ClientOutcome.Unchanged unchanged) {
				return ok(unchanged.client(), null);
			}
			return problem(outcome);
		});
	}

	/**
	 * Rotates the secret. Optional body {@code {"previous_secret_valid_for": "PT1H"}}:
	 * how long the previous secret keeps working (default {@code PT0S}, not at all).
	 */
	@PostMapping(PATH + "/{clientId}/secret")
	ResponseEntity<?> rotateSecret(@PathVariable String clientId, HttpServletRequest request,
			@AuthenticationPrincipal Jwt admin) {
		if (request.getContentLengthLong() > 0 && request.getContentType() != null
				&& !JsonObjectBody.isJson(request.getContentType())) {
			return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
				.body(ProblemDetail.forStatusAndDetail(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
						"Send application/json or no body"));
		}
		JsonObjectBody.Result body = JsonObjectBody.read(request, true);
		if (body instanceof JsonObjectBody.Problem problem) {
			return ClientProblems.body(problem);
		}
		Map<String, Object> members = ((JsonObjectBody.Parsed) body).members();
		Map<String, String> errors = new LinkedHashMap<>();
		members.keySet()
			.stream()
			.filter((name) -> !PREVIOUS_SECRET_VALID_FOR.equals(name))
			.forEach((name) -> errors.put(ClientProblems.shown(name), "is not a member of a rotation request"));
		Duration overlap = Duration.ZERO;
		Object value = members.get(PREVIOUS_SECRET_VALID_FOR);
		if (value != null) {
			try {
				overlap = Duration.parse((value instanceof String text) ? text : "");
			}
			catch (DateTimeParseException ex) {
				errors.put(PREVIOUS_SECRET_VALID_FOR, "must be an ISO-8601 duration such as PT1H");
			}
		}
		if (!errors.isEmpty()) {
			return ClientProblems.invalid(errors);
		}
		ClientOutcome outcome = this.registry.rotateSecret(clientId, overlap, actor(admin, request));
		if (outcome instanceof ClientOutcome.SecretRotated rotated) {
			return ok(rotated.client(), rotated.secret());
		}
		if (outcome instanceof ClientOutcome.Invalid invalid && invalid.errors().containsKey("overlap")) {
			return ClientProblems.invalid(Map.of(PREVIOUS_SECRET_VALID_FOR, invalid.errors().get("overlap")));
		}
		return problem(outcome);
	}

	@DeleteMapping(PATH + "/{clientId}")
	ResponseEntity<?> delete(@PathVariable String clientId, HttpServletRequest request,
			@AuthenticationPrincipal Jwt admin) {
		ClientOutcome outcome = this.registry.delete(clientId, actor(admin, request));
		if (outcome instanceof ClientOutcome.Deleted deleted) {
			Map<String, Object> body = new LinkedHashMap<>();
			body.put(ClientMetadata.CLIENT_ID, deleted.clientId());
			body.put("revoked_token_families", deleted.revokedFamilies());
			return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
		}
		return problem(outcome);
	}

	private ResponseEntity<Map<String, Object>> ok(Client client, String secret) {
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.body(ClientJson.of(client, secret, this.clock.instant()));
	}

	/**
	 * Reads the body as client metadata and hands it on, or answers with what is wrong
	 * with it.
	 */
	private ResponseEntity<?> withMetadata(HttpServletRequest request, String clientId,
			Function<ClientMetadata, ResponseEntity<?>> then) {
		JsonObjectBody.Result body = JsonObjectBody.read(request, false);
		if (body instanceof JsonObjectBody.Problem problem) {
			return ClientProblems.body(problem);
		}
		ClientMetadataReader.Result read = ClientMetadataReader.read(((JsonObjectBody.Parsed) body).members(), Set.of(),
				ClientMetadataReader.UnknownFields.REJECT);
		return read.errors().isEmpty() ? then.apply(read.metadata())
				: ClientProblems.invalid(this.registry.problems(read.metadata(), clientId, read.errors()));
	}

	private static ResponseEntity<?> problem(ClientOutcome outcome) {
		if (outcome instanceof ClientOutcome.Invalid invalid) {
			return ClientProblems.invalid(invalid.errors());
		}
		if (outcome instanceof ClientOutcome.NotFound notFound) {
			return ClientProblems.notFound(notFound.clientId());
		}
		if (outcome instanceof ClientOutcome.AlreadyExists exists) {
			return ClientProblems.conflict("A client " + ClientProblems.shown(exists.clientId()) + " exists already");
		}
		if (outcome instanceof ClientOutcome.Conflict conflict) {
			return ClientProblems.conflict(
					"Client " + ClientProblems.shown(conflict.clientId()) + " was not changed: " + conflict.reason());
		}
		throw new IllegalStateException("Unexpected outcome " + outcome);
	}

	private static ClientActor actor(Jwt admin, HttpServletRequest request) {
		String clientId = (admin != null) ? admin.getClaimAsString("client_id") : null;
		return ClientActor.adminClient((clientId != null) ? clientId : "unknown-admin", RequestOrigins.of(request));
	}

}
