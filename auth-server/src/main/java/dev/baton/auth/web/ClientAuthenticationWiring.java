package dev.baton.auth.web;

import dev.baton.auth.audit.AuditLog;
import dev.baton.auth.client.ClientSecretEncoder;
import dev.baton.auth.signin.SignInThrottle;

import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2ClientAuthenticationConfigurer;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.PublicClientAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.web.authentication.ClientSecretBasicAuthenticationConverter;
import org.springframework.security.oauth2.server.authorization.web.authentication.ClientSecretPostAuthenticationConverter;
import org.springframework.security.oauth2.server.authorization.web.authentication.PublicClientAuthenticationConverter;
import org.springframework.stereotype.Component;

/**
 * Client authentication at the token, introspection and revocation endpoints:
 * {@code client_secret_basic}, {@code client_secret_post} and public clients with PKCE
 * only (no JWT assertion, no certificate). Secrets are checked against their hashes,
 * failures throttled and audited per client id; a public client may also refresh and
 * revoke with its {@code client_id} alone (OAuth 2.1 §4.3.1).
 */
@Component
class ClientAuthenticationWiring {

	private final RegisteredClientRepository clients;

	private final SignInThrottle throttle;

	private final AuditLog auditLog;

	private final AuthorizationServerSettings settings;

	ClientAuthenticationWiring(RegisteredClientRepository clients, SignInThrottle throttle, AuditLog auditLog,
			AuthorizationServerSettings settings) {
		this.clients = clients;
		this.throttle = throttle;
		this.auditLog = auditLog;
		this.settings = settings;
	}

	void configure(OAuth2ClientAuthenticationConfigurer clientAuthentication) {
		clientAuthentication.authenticationConverters((converters) -> {
			converters.removeIf((converter) -> !(converter instanceof ClientSecretBasicAuthenticationConverter
					|| converter instanceof ClientSecretPostAuthenticationConverter
					|| converter instanceof PublicClientAuthenticationConverter));
			converters.add(new PublicClientRefreshAuthenticationConverter(this.settings.getTokenEndpoint(),
					this.settings.getTokenRevocationEndpoint()));
		}).authenticationProviders((providers) -> {
			providers.removeIf((provider) -> !(provider instanceof ClientSecretAuthenticationProvider
					|| provider instanceof PublicClientAuthenticationProvider));
			providers.replaceAll((provider) -> (provider instanceof ClientSecretAuthenticationProvider secrets)
					? throttled(secrets) : provider);
			providers.add(0, new PublicClientRefreshAuthenticationProvider(this.clients));
		}).errorResponseHandler(new ClientAuthenticationFailureHandler());
	}

	private ThrottlingClientSecretAuthenticationProvider throttled(ClientSecretAuthenticationProvider secrets) {
		secrets.setPasswordEncoder(new ClientSecretEncoder());
		return new ThrottlingClientSecretAuthenticationProvider(secrets, this.clients, this.throttle, this.auditLog);
	}

}
