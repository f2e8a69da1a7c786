package dev.baton.auth.client;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * A registered OAuth client as Baton stores it.
 * @param id internal id, referenced by token families and codes
 * @param clientId the public {@code client_id}
 * @param clientSecretHash the encoded secret ({@code {sha256}…}), {@code null} for public clients
 * @param audiences the APIs this client's access tokens are for ({@code aud}); a {@code resource} parameter
 * (RFC 8707) narrows them
 * @param firstParty first-party clients skip the consent screen
 * @param accessTokenTtl per-client override, {@code null} for the server default (likewise the refresh fields)
 */
public record Client(String id, String clientId, String clientName, String clientSecretHash,
		Set<ClientAuthenticationMethod> authenticationMethods, Set<AuthorizationGrantType> grantTypes,
		Set<String> redirectUris, Set<String> postLogoutRedirectUris, Set<String> scopes, Set<String> audiences,
		boolean requireProofKey, boolean firstParty, Duration accessTokenTtl, Duration refreshIdleTtl,
		Duration refreshAbsoluteTtl, Duration refreshGraceWindow, Instant createdAt) {

	public Client {
		authenticationMethods = Set.copyOf(authenticationMethods);
		grantTypes = Set.copyOf(grantTypes);
		redirectUris = ordered(redirectUris);
		postLogoutRedirectUris = ordered(postLogoutRedirectUris);
		scopes = ordered(scopes);
		audiences = ordered(audiences);
	}

	public boolean isPublic() {
		return this.clientSecretHash == null;
	}

	public static Builder withClientId(String clientId) {
		return new Builder(clientId);
	}

	private static Set<String> ordered(Set<String> values) {
		return (values != null) ? Collections.unmodifiableSet(new LinkedHashSet<>(values)) : Set.of();
	}

	/** Builds a new client; unset lists are empty and unset lifetimes fall back to the server defaults. */
	public static final class Builder {

		private final String clientId;

		private String id = UUID.randomUUID().toString();

		private String clientName;

		private String clientSecretHash;

		private Set<ClientAuthenticationMethod> authenticationMethods = Set.of();

		private Set<AuthorizationGrantType> grantTypes = Set.of();

		private Set<String> redirectUris = Set.of();

		private Set<String> postLogoutRedirectUris = Set.of();

		private Set<String> scopes = Set.of();

		private Set<String> audiences = Set.of();

		private boolean requireProofKey;

		private boolean firstParty;

		private Duration accessTokenTtl;

		private Duration refreshIdleTtl;

		private Duration refreshAbsoluteTtl;

		private Duration refreshGraceWindow;

		private Instant createdAt;

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
		 * @throws IllegalStateException when {@link #createdAt(Instant)} was not given: there is no sensible
		 * default (the epoch is outside MySQL's {@code TIMESTAMP} range), so every caller says when
		 */
		public Client build() {
			if (this.createdAt == null) {
				throw new IllegalStateException("Client " + this.clientId + " needs createdAt (its registration time)");
			}
			return new Client(this.id, this.clientId, this.clientName, this.clientSecretHash,
					this.authenticationMethods, this.grantTypes, this.redirectUris, this.postLogoutRedirectUris,
					this.scopes, this.audiences, this.requireProofKey, this.firstParty, this.accessTokenTtl,
					this.refreshIdleTtl, this.refreshAbsoluteTtl, this.refreshGraceWindow, this.createdAt);
		}

	}

}
