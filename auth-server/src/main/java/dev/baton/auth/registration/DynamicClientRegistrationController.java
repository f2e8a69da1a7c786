package dev.baton.auth.registration;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import dev.baton.auth.client.Client;
import dev.baton.auth.client.ClientActor;
import dev.baton.auth.client.ClientJson;
import dev.baton.auth.client.ClientMetadata;
import dev.baton.auth.client.ClientMetadataReader;
import dev.baton.auth.client.ClientMetadataValidator;
import dev.baton.auth.client.ClientOutcome;
import dev.baton.auth.client.ClientRegistry;
import dev.baton.auth.client.ClientSecretEncoder;
import dev.baton.auth.client.JsonObjectBody;
import dev.baton.auth.crypto.TokenHash;
import dev.baton.auth.support.RequestOrigins;
import dev.baton.auth.support.SpaceDelimited;
import dev.baton.auth.token.TokenClaims;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Dynamic client registration (RFC 7591) and its management protocol (RFC 7592), on when
 * {@code baton.registration.enabled=true}. A small controller over {@link ClientRegistry}
 * rather than the framework's OpenID Connect registration endpoint: that endpoint finds
 * initial and registration access tokens in the stored authorizations, and Baton stores
 * no access tokens (they are JWTs), and it would bypass the registry's validation and
 * audit.
 * <ul>
 * <li>{@code POST /oauth2/register}: needs an initial access token (RFC 7591 §3): a
 * client-credentials access token of Baton, for Baton's own audience, with scope
 * {@value ClientMetadataValidator#CLIENT_CREATE_SCOPE}. The answer carries the client's
 * metadata, a generated {@code client_secret} for a confidential client, a
 * {@code registration_access_token} (stored only as its SHA-256) and the
 * {@code registration_client_uri}.
 * <li>{@code GET}, {@code PUT}, {@code DELETE /oauth2/register/{client_id}} with that
 * registration access token (RFC 7592 §2): read, replace (same validation), delete (its
 * token families are revoked).
 * </ul>
 * Metadata Baton does not know is ignored (RFC 7591 §2); the rest passes
 * {@link ClientMetadataValidator}, plus: a dynamically registered client cannot be
 * first-party (skip consent), a resource server of other clients' tokens, or hold Baton's
 * administrative scopes. Errors follow RFC 7591 §3.2.2 and RFC 6750 §3.
 */
@RestController
@ConditionalOnBooleanProperty("baton.registration.enabled")
class DynamicClientRegistrationController {

	static final String PATH = "/oauth2/register";

	private static final Logger logger = LoggerFactory.getLogger(DynamicClientRegistrationController.class);

	private static final Set<String> ADMINISTRATIVE_SCOPES = Set.of(ClientMetadataValidator.ADMIN_SCOPE,
			ClientMetadataValidator.CLIENT_CREATE_SCOPE, ClientMetadataValidator.METRICS_SCOPE);

	private final ClientRegistry registry;

	private final JwtDecoder accessTokenDecoder;

	private final String issuer;

	private final Clock clock;

	DynamicClientRegistrationController(ClientRegistry registry, JwtDecoder accessTokenDecoder,
			ClientMetadataValidator validator, Clock clock) {
		this.registry = registry;
		this.accessTokenDecoder = accessTokenDecoder;
		this.issuer = validator.issuer();
		this.clock = clock;
	}

	@PostMapping(PATH)
	ResponseEntity<Map<String, Object>> register(HttpServletRequest request) {
		Optional<Jwt> initialToken = bearer(request).flatMap(this::decode);
		if (initialToken.isEmpty() || !isForBaton(initialToken.get())) {
			return RegistrationErrors.invalidToken();
		}
		if (!TokenClaims.scopes(initialToken.get()).contains(ClientMetadataValidator.CLIENT_CREATE_SCOPE)) {
			return RegistrationErrors.insufficientScope(ClientMetadataValidator.CLIENT_CREATE_SCOPE);
		}
		return withMetadata(request, null, (metadata) -> {
			String holder = initialToken.get().getClaimAsString("client_id");
			ClientOutcome outcome = this.registry.register(metadata,
					ClientActor.adminClient(holder, RequestOrigins.of(request)));
			if (outcome instanceof ClientOutcome.Created created) {
				logger.info("Client {} registered dynamically with an initial access token of {}",
						created.client().clientId(), holder);
				Map<String, Object> body = answer(created.client(), created.secret());
				body.put("registration_access_token", created.registrationAccessToken());
				return ResponseEntity.status(HttpStatus.CREATED)
					.header(HttpHeaders.LOCATION, clientUri(created.client()))
					.cacheControl(CacheControl.noStore())
					.body(body);
			}
			return problem(outcome);
		});
	}

	@GetMapping(PATH + "/{clientId}")
	ResponseEntity<Map<String, Object>> read(@PathVariable String clientId, HttpServletRequest request) {
		Optional<Client> client = authorized(clientId, request);
		if (client.isEmpty()) {
			return RegistrationErrors.invalidToken();
		}
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(answer(client.get(), null));
	}

	@PutMapping(PATH + "/{clientId}")
	ResponseEntity<Map<String, Object>> replace(@PathVariable String clientId, HttpServletRequest request) {
		Optional<Client> client = authorized(clientId, request);
		if (client.isEmpty()) {
			return RegistrationErrors.invalidToken();
		}
		return withMetadata(request, client.get(), (metadata) -> {
			if (metadata.clientId() == null) {
				// RFC 7592 §2.2: the request must name the client
				return RegistrationErrors.invalidMetadata(Map.of(ClientMetadata.CLIENT_ID, "is required"));
			}
			ClientOutcome outcome = this.registry.replace(clientId, metadata,
					ClientActor.adminClient(clientId, RequestOrigins.of(request)));
			if (outcome instanceof ClientOutcome.Updated updated) {
				return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(answer(updated.client(), null));
			}
			if (outcome instanceof ClientOutcome.Unchanged unchanged) {
				return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(answer(unchanged.client(), null));
			}
			return problem(outcome);
		});
	}

	@DeleteMapping(PATH + "/{clientId}")
	ResponseEntity<?> delete(@PathVariable String clientId, HttpServletRequest request) {
		Optional<Client> client = authorized(clientId, request);
		if (client.isEmpty()) {
			return RegistrationErrors.invalidToken();
		}
		ClientOutcome outcome = this.registry.delete(clientId,
				ClientActor.adminClient(clientId, RequestOrigins.of(request)));
		if (outcome instanceof ClientOutcome.Deleted) {
			return ResponseEntity.noContent().cacheControl(CacheControl.noStore()).build();
		}
		return RegistrationErrors.invalidToken();
	}

	private ResponseEntity<Map<String, Object>> withMetadata(HttpServletRequest request, Client existing,
			Function<ClientMetadata, ResponseEntity<Map<String, Object>>> then) {
		if (!JsonObjectBody.isJson(request.getContentType())) {
			return RegistrationErrors.badRequest("invalid_client_metadata", "The request must be application/json");
		}
		JsonObjectBody.Result body = JsonObjectBody.read(request, false);
		if (body instanceof JsonObjectBody.Problem problem) {
			return problem.tooLarge() ? RegistrationErrors.tooLarge()
					: RegistrationErrors.invalidMetadata(Map.of("body", problem.message()));
		}
		Map<String, Object> members = new LinkedHashMap<>(((JsonObjectBody.Parsed) body).members());
		// RFC 7592 §2.2: a client_secret sent with an update must be its current one;
		// Baton keeps secrets itself
		Object secret = members.remove(ClientMetadata.CLIENT_SECRET);
		members.remove("registration_access_token");
		ClientMetadataReader.Result read = ClientMetadataReader.read(members, Set.of(),
				ClientMetadataReader.UnknownFields.IGNORE);
		Map<String, String> errors = new LinkedHashMap<>(read.errors());
		if (secret != null && existing == null) {
			errors.put(ClientMetadata.CLIENT_SECRET, "is generated by Baton");
		}
		else if (secret != null && !(secret instanceof String given
				&& new ClientSecretEncoder().matches(given, existing.clientSecretHash()))) {
			// RFC 7592 §2.2: a client_secret in an update must be the current one
			errors.put(ClientMetadata.CLIENT_SECRET, "does not match the client's secret");
		}
		errors.putAll(restrictions(read.metadata()));
		if (!errors.isEmpty()) {
			return RegistrationErrors.invalidMetadata(
					this.registry.problems(read.metadata(), (existing != null) ? existing.clientId() : null, errors));
		}
		return then.apply(read.metadata());
	}

	/** What only an administrator may register. */
	private static Map<String, String> restrictions(ClientMetadata metadata) {
		Map<String, String> errors = new LinkedHashMap<>();
		if (Boolean.TRUE.equals(metadata.firstParty())) {
			errors.put(ClientMetadata.FIRST_PARTY, "cannot be true for a dynamically registered client");
		}
		if (metadata.resourceServerAudiences() != null && !metadata.resourceServerAudiences().isEmpty()) {
			errors.put(ClientMetadata.RESOURCE_SERVER_AUDIENCES, "are set by an administrator only");
		}
		if (SpaceDelimited.parse(metadata.scope()).stream().anyMatch(ADMINISTRATIVE_SCOPES::contains)) {
			errors.put(ClientMetadata.SCOPE,
					"baton.admin, client.create and baton.metrics are not available to dynamic registration");
		}
		return errors;
	}

	/**
	 * The client, when the request carries its registration access token (compared in
	 * constant time).
	 */
	private Optional<Client> authorized(String clientId, HttpServletRequest request) {
		Optional<String> token = bearer(request);
		if (token.isEmpty()) {
			return Optional.empty();
		}
		TokenHash presented = TokenHash.of(token.get());
		return this.registry.find(clientId)
			.filter((client) -> client.registrationAccessTokenHash() != null
					&& client.registrationAccessTokenHash().matches(presented));
	}

	private Optional<Jwt> decode(String token) {
		try {
			return Optional.of(this.accessTokenDecoder.decode(token));
		}
		catch (JwtException ex) {
			logger.debug("Initial access token refused: {}", ex.getMessage());
			return Optional.empty();
		}
	}

	/** For Baton's own audience, and its client still registered. */
	private boolean isForBaton(Jwt token) {
		List<String> audiences = token.getAudience();
		String holder = token.getClaimAsString("client_id");
		return audiences != null && audiences.contains(this.issuer) && holder != null && !TokenClaims.isUserToken(token)
				&& this.registry.find(holder).isPresent();
	}

	private static Optional<String> bearer(HttpServletRequest request) {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() > 4096) {
			return Optional.empty();
		}
		String token = header.substring(7).trim();
		return token.isEmpty() ? Optional.empty() : Optional.of(token);
	}

	private Map<String, Object> answer(Client client, String secret) {
		Map<String, Object> body = ClientJson.of(client, secret, this.clock.instant());
		body.put("registration_client_uri", clientUri(client));
		return body;
	}

	private String clientUri(Client client) {
		return this.issuer + PATH + "/" + client.clientId();
	}

	private static ResponseEntity<Map<String, Object>> problem(ClientOutcome outcome) {
		if (outcome instanceof ClientOutcome.Invalid invalid) {
			return RegistrationErrors.invalidMetadata(invalid.errors());
		}
		if (outcome instanceof ClientOutcome.AlreadyExists) {
			return RegistrationErrors.invalidMetadata(Map.of(ClientMetadata.CLIENT_ID, "is taken"));
		}
		if (outcome instanceof ClientOutcome.Conflict conflict) {
			return RegistrationErrors.badRequest("invalid_client_metadata", conflict.reason());
		}
		return RegistrationErrors.invalidToken();
	}

}
