package dev.baton.auth.passkey;

import java.util.Set;

import dev.baton.auth.audit.AuditLog;
import dev.baton.auth.support.BatonServerProperties;
import dev.baton.auth.user.SignedInAccounts;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.management.JdbcPublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.JdbcUserCredentialRepository;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.springframework.security.web.webauthn.management.Webauthn4JRelyingPartyOperations;

/**
 * The framework's WebAuthn relying party on Baton's database: passkeys and their users in
 * {@code user_credentials} and {@code user_entities} (V68), so every node sees every
 * passkey; registrations audited.
 */
@Configuration(proxyBeanMethods = false)
class PasskeyConfiguration {

	@Bean
	PublicKeyCredentialUserEntityRepository passkeyUserEntities(JdbcTemplate jdbc) {
		return new JdbcPublicKeyCredentialUserEntityRepository(jdbc);
	}

	@Bean
	UserCredentialRepository passkeyCredentials(JdbcTemplate jdbc, PublicKeyCredentialUserEntityRepository users,
			AuditLog auditLog, SignedInAccounts accounts) {
		return new AuditingUserCredentialRepository(new JdbcUserCredentialRepository(jdbc), users, auditLog, accounts);
	}

	@Bean
	WebAuthnRelyingPartyOperations passkeyRelyingParty(PublicKeyCredentialUserEntityRepository users,
			UserCredentialRepository credentials, PasskeyProperties properties, BatonServerProperties server) {
		String rpId = properties.rpIdFor(server.issuer());
		Set<String> origins = properties.allowedOriginsFor(server.issuer());
		return new Webauthn4JRelyingPartyOperations(users, credentials,
				PublicKeyCredentialRpEntity.builder().id(rpId).name(properties.rpName()).build(), origins);
	}

}
