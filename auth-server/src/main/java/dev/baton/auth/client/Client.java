package dev.baton.auth.client;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.baton.auth.crypto.TokenHash;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * A registered OAuth client as Baton stores it.
 *
 * @param id internal id, referenced by token families and codes
 * @param clientId the public {@code client_id}
 * @param clientSecretHash the encoded secret ({@code {sha256}…}), {@code null} for public
 * clients
 * @param allowedCorsOrigins the browser origins that may call the token, revocation,
 * userinfo, JWKS and discovery endpoints (CORS), in their serialized form
 * ({@code https://app.example}); empty for none
 * @param audiences the APIs this client's access tokens are for ({@code aud}); a
 * {@code resource} parameter (RFC 8707) narrows them
 * @param firstParty first-party clients skip the consent screen
 * @param requireVerifiedEmail users whose e-mail address is not verified are refused at
 * the authorization endpoint ({@code access_denied})
 * @param accessTokenTtl per-client override, {@code null} for the server default
 * (likewise the ID token and refresh fields)
 * @param backchannelLogoutUri where OpenID Connect Back-Channel Logout 1.0 logout tokens
 * go, {@code null} for none
 * @param resourceServerAudiences the audiences this client serves as a resource server:
 * it may introspect access tokens issued for them (RFC 7662 §4)
 * @param previousSecretHash the secret replaced by the last rotation, still accepted
 * until {@code previousSecretExpiresAt}; {@code null} when there is no overlap
 * @param registrationAccessTokenHash the SHA-256 of the RFC 7592 registration access
 * token of a dynamically registered client, {@code null} otherwise
 * @param updatedAt the last change (the registration time until the first change)
 * @param version counts changes: an update applies only to the version it was made from
 * (optimistic locking)
 * @param requireMfa the client's users sign in with a second factor (a user without one
 * sets it up first)
 */
public record Client(String id, String clientId, String clientName, String clientSecretHash,
		Set<ClientAuthenticationMethod> authenticationMethods, Set<AuthorizationGrantType> grantTypes,
		Set<String> redirectUris, Set<String> postLogoutRedirectUris, Set<String> allowedCorsOrigins,
		Set<String> scopes, Set<String> audiences, boolean requireProofKey, boolean firstParty, Duration accessTokenTtl,
		Duration refreshIdleTtl, Duration refreshAbsoluteTtl, Duration refreshGraceWindow, Instant createdAt,
		Duration idTokenTtl, String backchannelLogoutUri, boolean backchannelLogoutSessionRequired,
		Set<String> resourceServerAudiences, String previousSecretHash, Instant previousSecretExpiresAt,
		TokenHash registrationAccessTokenHash, Instant updatedAt, long version, boolean requireVerifiedEmail,
		boolean requireMfa) {

	public Client {
		authenticationMethods = Set.copyOf(authenticationMethods);
		grantTypes = Set.copyOf(grantTypes);
		redirectUris = ordered(redirectUris);
		postLogoutRedirectUris = ordered(postLogoutRedirectUris);
		allowedCorsOrigins = ordered(allowedCorsOrigins);
		scopes = ordered(scopes);
		audiences = ordered(audiences);
		resourceServerAudiences = ordered(resourceServerAudiences);
	}

	public boolean isPublic() {
		return this.clientSecretHash == null;
	}

	/**
	 * The previous secret's hash while its overlap runs at {@code now}, otherwise empty.
	 */
	public Optional<String> previousSecretHashAt(Instant now) {
		return (this.previousSecretHash != null && this.previousSecretExpiresAt != null
				&& now.isBefore(this.previousSecretExpiresAt)) ? Optional.of(this.previousSecretHash)
						: Optional.empty();
	}

	public static Builder withClientId(String clientId) {
		return new Builder(clientId);
	}

	/** A builder holding every value of this client, to change some of them. */
	public Builder toBuilder() {
		Builder builder = new Builder(this.clientId);
		builder.id = this.id;
		builder.clientName = this.clientName;
		builder.clientSecretHash = this.clientSecretHash;
		builder.authenticationMethods = this.authenticationMethods;
		builder.grantTypes = this.grantTypes;
		builder.redirectUris = this.redirectUris;
		builder.postLogoutRedirectUris = this.postLogoutRedirectUris;
		builder.allowedCorsOrigins = this.allowedCorsOrigins;
		builder.scopes = this.scopes;
		builder.audiences = this.audiences;
		builder.requireProofKey = this.requireProofKey;
		builder.firstParty = this.firstParty;
		builder.requireVerifiedEmail = this.requireVerifiedEmail;
		builder.accessTokenTtl = this.accessTokenTtl;
		builder.refreshIdleTtl = this.refreshIdleTtl;
		builder.refreshAbsoluteTtl = this.refreshAbsoluteTtl;
		builder.refreshGraceWindow = this.refreshGraceWindow;
		builder.createdAt = this.createdAt;
		builder.idTokenTtl = this.idTokenTtl;
		builder.backchannelLogoutUri = this.backchannelLogoutUri;
		builder.backchannelLogoutSessionRequired = this.backchannelLogoutSessionRequired;
		builder.resourceServerAudiences = this.resourceServerAudiences;
		builder.previousSecretHash = this.previousSecretHash;
		builder.previousSecretExpiresAt = this.previousSecretExpiresAt;
		builder.registrationAccessTokenHash = this.registrationAccessTokenHash;
		builder.updatedAt = this.updatedAt;
		builder.version = this.version;
		builder.requireMfa = this.requireMfa;
		return builder;
	}

	private static Set<String> ordered(Set<String> values) {
		return (values != null) ? Collections.unmodifiableSet(new LinkedHashSet<>(values)) : Set.of();
	}

	/**
	 * Builds a new client; unset lists are empty and unset lifetimes fall back to the
	 * server defaults.
	 */
	public static final class Builder {

		private final String clientId;

		private String id = UUID.randomUUID().toString();

		private String clientName;

		private String clientSecretHash;

		private Set<ClientAuthenticationMethod> authenticationMethods = Set.of();

		private Set<AuthorizationGrantType> grantTypes = Set.of();

		private Set<String> redirectUris = Set.of();

		private Set<String> postLogoutRedirectUris = Set.of();

		private Set<String> allowedCorsOrigins = Set.of();

		private Set<String> scopes = Set.of();

		private Set<String> audiences = Set.of();

		private boolean requireProofKey;

		private boolean firstParty;

		private boolean requireVerifiedEmail;

		private boolean requireMfa;

		private Duration accessTokenTtl;

		private Duration refreshIdleTtl;

		private Duration refreshAbsoluteTtl;

		private Duration refreshGraceWindow;

		private Instant createdAt;

		private Duration idTokenTtl;

		private String backchannelLogoutUri;

		private boolean backchannelLogoutSessionRequired;

		private Set<String> resourceServerAudiences = Set.of();

		private String previousSecretHash;

		private Instant previousSecretExpiresAt;

		private TokenHash registrationAccessTokenHash;

		private Instant updatedAt;

		private long version;

		private Builder(String clientId) {
			this.clientId = clientId;
			this.clientName = clientId;
		}

		public Builder id(String id) {
			this.id = id;
			return this;
		}

		public Builder clientName(String clientName) {
			this.clientName = clientName;
			return this;
		}

		public Builder clientSecretHash(String clientSecretHash) {
			this.clientSecretHash = clientSecretHash;
			return this;
		}

		public Builder authenticationMethods(ClientAuthenticationMethod... methods) {
			this.authenticationMethods = Set.of(methods);
			return this;
		}

		public Builder authenticationMethods(Set<ClientAuthenticationMethod> methods) {
			this.authenticationMethods = Set.copyOf(methods);
			return this;
		}

		public Builder grantTypes(Set<AuthorizationGrantType> grantTypes) {
			this.grantTypes = Set.copyOf(grantTypes);
			return this;
		}

		public Builder redirectUris(Collection<String> redirectUris) {
			this.redirectUris = new LinkedHashSet<>(redirectUris);
			return this;
		}

		public Builder postLogoutRedirectUris(Collection<String> uris) {
			this.postLogoutRedirectUris = new LinkedHashSet<>(uris);
			return this;
		}

		public Builder allowedCorsOrigins(Collection<String> origins) {
			this.allowedCorsOrigins = new LinkedHashSet<>(origins);
			return this;
		}

		public Builder allowedCorsOrigins(String... origins) {
			this.allowedCorsOrigins = new LinkedHashSet<>(List.of(origins));
			return this;
		}

		public Builder scopes(Collection<String> scopes) {
			this.scopes = new LinkedHashSet<>(scopes);
			return this;
		}

		public Builder audiences(Collection<String> audiences) {
			this.audiences = new LinkedHashSet<>(audiences);
			return this;
		}

		public Builder resourceServerAudiences(Collection<String> audiences) {
			this.resourceServerAudiences = new LinkedHashSet<>(audiences);
			return this;
		}

		public Builder idTokenTtl(Duration idTokenTtl) {
			this.idTokenTtl = idTokenTtl;
			return this;
		}

		public Builder backchannelLogoutUri(String backchannelLogoutUri) {
			this.backchannelLogoutUri = backchannelLogoutUri;
			return this;
		}

		public Builder backchannelLogoutSessionRequired(boolean required) {
			this.backchannelLogoutSessionRequired = required;
			return this;
		}

		/**
		 * The previous secret and until when it is still accepted ({@code null}s for no
		 * overlap).
		 */
		public Builder previousSecret(String previousSecretHash, Instant expiresAt) {
			this.previousSecretHash = previousSecretHash;
			this.previousSecretExpiresAt = expiresAt;
			return this;
		}

		public Builder registrationAccessTokenHash(TokenHash hash) {
			this.registrationAccessTokenHash = hash;
			return this;
		}

		public Builder updatedAt(Instant updatedAt) {
			this.updatedAt = updatedAt;
			return this;
		}

		public Builder grantTypes(AuthorizationGrantType... grantTypes) {
			this.grantTypes = Set.of(grantTypes);
			return this;
		}

		public Builder redirectUris(String... redirectUris) {
			this.redirectUris = new LinkedHashSet<>(List.of(redirectUris));
			return this;
		}

		public Builder postLogoutRedirectUris(String... uris) {
			this.postLogoutRedirectUris = new LinkedHashSet<>(List.of(uris));
			return this;
		}

		public Builder scopes(String... scopes) {
			this.scopes = new LinkedHashSet<>(List.of(scopes));
			return this;
		}

		public Builder audiences(String... audiences) {
			this.audiences = new LinkedHashSet<>(List.of(audiences));
			return this;
		}

		public Builder requireProofKey(boolean requireProofKey) {
			this.requireProofKey = requireProofKey;
			return this;
		}

		public Builder firstParty(boolean firstParty) {
			this.firstParty = firstParty;
			return this;
		}

		public Builder requireVerifiedEmail(boolean requireVerifiedEmail) {
			this.requireVerifiedEmail = requireVerifiedEmail;
			return this;
		}

		public Builder requireMfa(boolean requireMfa) {
			this.requireMfa = requireMfa;
			return this;
		}

		public Builder accessTokenTtl(Duration accessTokenTtl) {
			this.accessTokenTtl = accessTokenTtl;
			return this;
		}

		public Builder refreshIdleTtl(Duration refreshIdleTtl) {
			this.refreshIdleTtl = refreshIdleTtl;
			return this;
		}

		public Builder refreshAbsoluteTtl(Duration refreshAbsoluteTtl) {
			this.refreshAbsoluteTtl = refreshAbsoluteTtl;
			return this;
		}

		public Builder refreshGraceWindow(Duration refreshGraceWindow) {
			this.refreshGraceWindow = refreshGraceWindow;
			return this;
		}

		public Builder createdAt(Instant createdAt) {
			this.createdAt = createdAt;
			return this;
		}

		/**
		 * @throws IllegalStateException when {@link #createdAt(Instant)} was not given:
		 * there is no sensible default (the epoch is outside MySQL's {@code TIMESTAMP}
		 * range), so every caller says when
		 */
		public Client build() {
			if (this.createdAt == null) {
				throw new IllegalStateException("Client " + this.clientId + " needs createdAt (its registration time)");
			}
			return new Client(this.id, this.clientId, this.clientName, this.clientSecretHash,
					this.authenticationMethods, this.grantTypes, this.redirectUris, this.postLogoutRedirectUris,
					this.allowedCorsOrigins, this.scopes, this.audiences, this.requireProofKey, this.firstParty,
					this.accessTokenTtl, this.refreshIdleTtl, this.refreshAbsoluteTtl, this.refreshGraceWindow,
					this.createdAt, this.idTokenTtl, this.backchannelLogoutUri, this.backchannelLogoutSessionRequired,
					this.resourceServerAudiences, this.previousSecretHash, this.previousSecretExpiresAt,
					this.registrationAccessTokenHash, (this.updatedAt != null) ? this.updatedAt : this.createdAt,
					this.version, this.requireVerifiedEmail, this.requireMfa);
		}

	}

}
