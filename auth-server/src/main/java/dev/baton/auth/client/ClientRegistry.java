package dev.baton.auth.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.baton.auth.audit.AuditEventType;
import dev.baton.auth.audit.AuditLog;
import dev.baton.auth.crypto.OpaqueTokens;
import dev.baton.auth.crypto.TokenHash;
import dev.baton.auth.support.SpaceDelimited;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The client registry: what the admin API, the clients file, dynamic registration and any
 * later console call to register, change, rotate and delete clients. Every input passes
 * {@link ClientMetadataValidator}; every change is audited ({@code CLIENT_CREATED},
 * {@code CLIENT_UPDATED}, {@code CLIENT_SECRET_ROTATED}, {@code CLIENT_DELETED}) naming
 * who made it; secrets are generated with 256 bits (DESIGN "Nothing usable at rest"),
 * returned once and stored only as {@code {sha256}} hashes. Expected results are
 * {@link ClientOutcome}s, not exceptions.
 */
@Service
public class ClientRegistry {

	private static final Logger logger = LoggerFactory.getLogger(ClientRegistry.class);

	/** The longest a rotated-out secret may keep working. */
	public static final Duration MAX_SECRET_OVERLAP = Duration.ofDays(30);

	private final ClientRepository clients;

	private final ClientMetadataValidator validator;

	private final ClientFamilies families;

	private final AuditLog auditLog;

	private final Clock clock;

	private final ClientSecretEncoder secrets = new ClientSecretEncoder();

	public ClientRegistry(ClientRepository clients, ClientMetadataValidator validator, ClientFamilies families,
			AuditLog auditLog, Clock clock) {
		this.clients = clients;
		this.validator = validator;
		this.families = families;
		this.auditLog = auditLog;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public Optional<Client> find(String clientId) {
		return this.clients.findByClientId(clientId);
	}

	@Transactional(readOnly = true)
	public List<Client> list(int page, int size) {
		return this.clients.findPage(page, size);
	}

	@Transactional(readOnly = true)
	public long count() {
		return this.clients.count();
	}

	/**
	 * Every problem of the metadata, merged with those found while reading it (wrong
	 * types, unknown fields), which win for their field: so one answer names all of them.
	 * @param clientId the client it would replace, {@code null} for a new one
	 */
	@Transactional(readOnly = true)
	public Map<String, String> problems(ClientMetadata metadata, String clientId, Map<String, String> readErrors) {
		Client existing = (clientId != null) ? this.clients.findByClientId(clientId).orElse(null) : null;
		Map<String, String> problems = new LinkedHashMap<>(this.validator.validate(metadata, existing));
		problems.putAll(readErrors);
		return problems;
	}

	/** Registers a client; a confidential one gets a generated secret, returned once. */
	@Transactional
	public ClientOutcome create(ClientMetadata metadata, ClientActor actor) {
		return create(metadata, null, false, actor);
	}

	/**
	 * Registers a client through RFC 7591 dynamic registration: like
	 * {@link #create(ClientMetadata, ClientActor)}, plus a registration access token (RFC
	 * 7592 §1) stored as its SHA-256.
	 */
	@Transactional
	public ClientOutcome register(ClientMetadata metadata, ClientActor actor) {
		return create(metadata, null, true, actor);
	}

	/**
	 * Registers a client with a secret hash chosen elsewhere (the clients file, the
	 * bootstrap admin).
	 * @param secretHash a {@code {sha256}} hash; {@code null} generates a secret for a
	 * confidential client
	 */
	@Transactional
	public ClientOutcome create(ClientMetadata metadata, String secretHash, ClientActor actor) {
		return create(metadata, secretHash, false, actor);
	}

	private ClientOutcome create(ClientMetadata given, String secretHash, boolean registration, ClientActor actor) {
		ClientMetadata metadata = (given.clientId() != null) ? given : given.withClientId(UUID.randomUUID().toString());
		Map<String, String> errors = this.validator.validate(metadata, null);
		if (!errors.isEmpty()) {
			return new ClientOutcome.Invalid(errors);
		}
		if (this.clients.findByClientId(metadata.clientId()).isPresent()) {
			return new ClientOutcome.AlreadyExists(metadata.clientId());
		}
		Instant now = this.clock.instant();
		Client.Builder builder = apply(metadata, Client.withClientId(metadata.clientId())).createdAt(now);
		String secret = null;
		if (!isPublic(metadata)) {
			if (secretHash == null) {
				secret = ClientSecretGenerator.generate();
				secretHash = this.secrets.encode(secret);
			}
			builder.clientSecretHash(secretHash);
		}
		String registrationAccessToken = null;
		if (registration) {
			registrationAccessToken = OpaqueTokens.generate();
			builder.registrationAccessTokenHash(TokenHash.of(registrationAccessToken));
		}
		Client client = builder.build();
		try {
			this.clients.insert(client);
		}
		catch (DuplicateKeyException ex) {
			return new ClientOutcome.AlreadyExists(metadata.clientId());
		}
		this.auditLog.record(AuditEventType.CLIENT_CREATED, actor.name(), client.clientId(), null,
				registration ? "dynamic registration" : null, actor.origin());
		logger.info("Client {} created by {}", client.clientId(), actor.name());
		return new ClientOutcome.Created(client, secret, registrationAccessToken);
	}

	/**
	 * Replaces every metadata value of a client (a full replace: what is not given takes
	 * its default); the secret stays as it is.
	 */
	@Transactional
	public ClientOutcome replace(String clientId, ClientMetadata metadata, ClientActor actor) {
		return replace(clientId, metadata, null, actor);
	}

	/**
	 * Like {@link #replace(String, ClientMetadata, ClientActor)}, and sets the secret
	 * hash when one is given and differs (the clients file); that ends any rotation
	 * overlap.
	 */
	@Transactional
	public ClientOutcome replace(String clientId, ClientMetadata given, String secretHash, ClientActor actor) {
		Optional<Client> found = this.clients.findByClientId(clientId);
		if (found.isEmpty()) {
			return new ClientOutcome.NotFound(clientId);
		}
		Client existing = found.get();
		if (given.clientId() != null && !given.clientId().equals(clientId)) {
			return new ClientOutcome.Invalid(Map.of(ClientMetadata.CLIENT_ID, "cannot change; it must be " + clientId));
		}
		ClientMetadata metadata = given.withClientId(clientId);
		Map<String, String> errors = this.validator.validate(metadata, existing);
		if (!errors.isEmpty()) {
			return new ClientOutcome.Invalid(errors);
		}
		Client.Builder builder = apply(metadata, existing.toBuilder());
		boolean secretChanged = secretHash != null && !secretHash.equals(existing.clientSecretHash());
		if (secretChanged) {
			builder.clientSecretHash(secretHash).previousSecret(null, null);
		}
		Client updated = builder.build();
		List<String> changed = ClientJson.changedFields(existing, updated);
		if (changed.isEmpty() && !secretChanged) {
			return new ClientOutcome.Unchanged(existing);
		}
		if (lastAdminLosesScope(existing, updated)) {
			return new ClientOutcome.Conflict(clientId, "it is the last client with scope "
					+ ClientMetadataValidator.ADMIN_SCOPE + "; register another admin client first");
		}
		Instant now = this.clock.instant();
		if (!this.clients.update(updated, now)) {
			return new ClientOutcome.Conflict(clientId, "it was changed or deleted meanwhile; read it and try again");
		}
		String detail = "changed " + String.join(" ", changed) + (secretChanged ? " (and its secret)" : "");
		this.auditLog.record(AuditEventType.CLIENT_UPDATED, actor.name(), clientId, null, truncate(detail),
				actor.origin());
		logger.info("Client {} updated by {}: {}", clientId, actor.name(), detail);
		Client stored = this.clients.findByClientId(clientId).orElse(updated);
		return new ClientOutcome.Updated(stored, changed);
	}

	/**
	 * Replaces a confidential client's secret with a new generated one, returned once.
	 * The previous secret keeps working for {@code overlap} (zero: not at all), so an app
	 * can be redeployed with the new one first.
	 */
	@Transactional
	public ClientOutcome rotateSecret(String clientId, Duration overlap, ClientActor actor) {
		if (overlap.isNegative() || overlap.compareTo(MAX_SECRET_OVERLAP) > 0) {
			return new ClientOutcome.Invalid(Map.of("overlap", "must be between PT0S and " + MAX_SECRET_OVERLAP));
		}
		Optional<Client> found = this.clients.findByClientId(clientId);
		if (found.isEmpty()) {
			return new ClientOutcome.NotFound(clientId);
		}
		Client existing = found.get();
		if (existing.isPublic()) {
			return new ClientOutcome.Invalid(Map.of(ClientMetadata.TOKEN_ENDPOINT_AUTH_METHOD,
					"is none: a public client has no secret to rotate"));
		}
		Instant now = this.clock.instant();
		String secret = ClientSecretGenerator.generate();
		Client.Builder builder = existing.toBuilder().clientSecretHash(this.secrets.encode(secret));
		if (!overlap.isZero()) {
			builder.previousSecret(existing.clientSecretHash(), now.plus(overlap));
		}
		else {
			builder.previousSecret(null, null);
		}
		if (!this.clients.update(builder.build(), now)) {
			return new ClientOutcome.Conflict(clientId, "it was changed or deleted meanwhile; try again");
		}
		this.auditLog.record(AuditEventType.CLIENT_SECRET_ROTATED, actor.name(), clientId, null,
				"previous secret accepted for " + overlap, actor.origin());
		logger.info("Secret of client {} rotated by {}, previous secret accepted for {}", clientId, actor.name(),
				overlap);
		return new ClientOutcome.SecretRotated(this.clients.findByClientId(clientId).orElseThrow(), secret);
	}

	/**
	 * Deletes a client after revoking every token family of it (reason
	 * {@code CLIENT_DELETED}, each audited): its refresh tokens fail with
	 * {@code invalid_grant} and introspection reports its access tokens inactive at once
	 * (DESIGN rule 6). The last client with scope {@code baton.admin} is not deleted.
	 */
	@Transactional
	public ClientOutcome delete(String clientId, ClientActor actor) {
		Optional<Client> found = this.clients.findByClientId(clientId);
		if (found.isEmpty()) {
			return new ClientOutcome.NotFound(clientId);
		}
		if (found.get().scopes().contains(ClientMetadataValidator.ADMIN_SCOPE)
				&& this.clients.countWithScope(ClientMetadataValidator.ADMIN_SCOPE) <= 1) {
			return new ClientOutcome.Conflict(clientId, "it is the last client with scope "
					+ ClientMetadataValidator.ADMIN_SCOPE + "; register another admin client first");
		}
		int revoked = this.families.revokeAllOfDeletedClient(clientId, actor.origin());
		if (!this.clients.delete(clientId)) {
			return new ClientOutcome.NotFound(clientId);
		}
		this.auditLog.record(AuditEventType.CLIENT_DELETED, actor.name(), clientId, null,
				"revoked " + revoked + " token families", actor.origin());
		logger.info("Client {} deleted by {}, {} token families revoked", clientId, actor.name(), revoked);
		return new ClientOutcome.Deleted(clientId, revoked);
	}

	/** Whether some client may call the admin APIs. */
	@Transactional(readOnly = true)
	public boolean hasAdminClient() {
		return this.clients.countWithScope(ClientMetadataValidator.ADMIN_SCOPE) > 0;
	}

	private boolean lastAdminLosesScope(Client existing, Client updated) {
		return existing.scopes().contains(ClientMetadataValidator.ADMIN_SCOPE)
				&& !updated.scopes().contains(ClientMetadataValidator.ADMIN_SCOPE)
				&& this.clients.countWithScope(ClientMetadataValidator.ADMIN_SCOPE) <= 1;
	}

	/** Puts validated metadata, with Baton's defaults, on a builder. */
	private Client.Builder apply(ClientMetadata metadata, Client.Builder builder) {
		Set<String> grantTypes = new LinkedHashSet<>((metadata.grantTypes() != null) ? metadata.grantTypes()
				: List.of(ClientMetadataValidator.AUTHORIZATION_CODE));
		Set<ClientAuthenticationMethod> methods = new LinkedHashSet<>();
		methods.add(new ClientAuthenticationMethod(method(metadata)));
		if (metadata.additionalTokenEndpointAuthMethods() != null) {
			metadata.additionalTokenEndpointAuthMethods()
				.forEach((method) -> methods.add(new ClientAuthenticationMethod(method)));
		}
		Set<String> scopes = SpaceDelimited.parse(metadata.scope());
		List<String> audiences = (metadata.audiences() != null) ? metadata.audiences() : List.of();
		if (audiences.isEmpty() && (scopes.contains(ClientMetadataValidator.ADMIN_SCOPE)
				|| scopes.contains(ClientMetadataValidator.CLIENT_CREATE_SCOPE))) {
			audiences = List.of(this.validator.issuer());
		}
		boolean userFacing = grantTypes.contains(ClientMetadataValidator.AUTHORIZATION_CODE);
		return builder.clientName((metadata.clientName() != null) ? metadata.clientName() : metadata.clientId())
			.authenticationMethods(methods)
			.grantTypes(grantTypes.stream().map(AuthorizationGrantType::new).collect(Collectors.toSet()))
			.redirectUris((metadata.redirectUris() != null) ? metadata.redirectUris() : List.of())
			.postLogoutRedirectUris(
					(metadata.postLogoutRedirectUris() != null) ? metadata.postLogoutRedirectUris() : List.of())
			.allowedCorsOrigins((metadata.allowedCorsOrigins() != null) ? metadata.allowedCorsOrigins() : List.of())
			.scopes(scopes)
			.audiences(audiences)
			.resourceServerAudiences(
					(metadata.resourceServerAudiences() != null) ? metadata.resourceServerAudiences() : List.of())
			.requireProofKey(userFacing && !Boolean.FALSE.equals(metadata.pkceRequired()))
			.firstParty(Boolean.TRUE.equals(metadata.firstParty()))
			.requireVerifiedEmail(Boolean.TRUE.equals(metadata.requireVerifiedEmail()))
			.requireMfa(Boolean.TRUE.equals(metadata.requireMfa()))
			.backchannelLogoutUri(metadata.backchannelLogoutUri())
			.backchannelLogoutSessionRequired(Boolean.TRUE.equals(metadata.backchannelLogoutSessionRequired()))
			.accessTokenTtl(metadata.accessTokenLifetime())
			.idTokenTtl(metadata.idTokenLifetime())
			.refreshIdleTtl(metadata.refreshTokenIdleLifetime())
			.refreshAbsoluteTtl(metadata.refreshTokenAbsoluteLifetime())
			.refreshGraceWindow(metadata.refreshTokenGraceWindow());
	}

	static boolean isPublic(ClientMetadata metadata) {
		return ClientMetadataValidator.NONE.equals(method(metadata));
	}

	private static String method(ClientMetadata metadata) {
		return (metadata.tokenEndpointAuthMethod() != null) ? metadata.tokenEndpointAuthMethod()
				: "client_secret_basic";
	}

	private static String truncate(String detail) {
		return (detail.length() > 200) ? detail.substring(0, 199) + "…" : detail;
	}

}
