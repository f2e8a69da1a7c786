package dev.baton.auth.client.file;

import java.util.List;

import dev.baton.auth.client.ClientActor;
import dev.baton.auth.client.ClientMetadata;
import dev.baton.auth.client.ClientMetadataValidator;
import dev.baton.auth.client.ClientOutcome;
import dev.baton.auth.client.ClientRegistry;
import dev.baton.auth.client.ClientSecretEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The way into a fresh installation: when no client may call the admin APIs (scope
 * {@code baton.admin}), one is created from {@code BATON_ADMIN_CLIENT_ID} /
 * {@code BATON_ADMIN_CLIENT_SECRET}, a client-credentials client with scopes
 * {@code baton.admin client.create} for Baton's own audience. Without them one log line
 * says how to get in. Runs after the clients file, under its lock, so a file listing an
 * admin client makes this a no-op.
 */
@Component
class AdminClientBootstrap {

	private static final Logger logger = LoggerFactory.getLogger(AdminClientBootstrap.class);

	private final ClientRegistry registry;

	private final AdminClientProperties properties;

	private final ClientMetadataValidator validator;

	AdminClientBootstrap(ClientRegistry registry, AdminClientProperties properties, ClientMetadataValidator validator) {
		this.registry = registry;
		this.properties = properties;
		this.validator = validator;
	}

	void ensureAdminClient() {
		if (this.registry.hasAdminClient()) {
			return;
		}
		if (!this.properties.isGiven()) {
			logger.warn("No admin client exists: set BATON_ADMIN_CLIENT_ID and BATON_ADMIN_CLIENT_SECRET (or list a "
					+ "client with scope baton.admin in BATON_CLIENTS_FILE) and restart; see README, Run in production");
			return;
		}
		String secret = this.properties.secret().trim();
		String hash = ClientSecretEncoder.isEncoded(secret) ? secret : null;
		if (hash == null && secret.length() < ClientsFile.MIN_SECRET_LENGTH) {
			throw new IllegalStateException("BATON_ADMIN_CLIENT_SECRET must hold at least "
					+ ClientsFile.MIN_SECRET_LENGTH + " characters (openssl rand -base64 32) or a {sha256} hash");
		}
		if (hash == null) {
			hash = new ClientSecretEncoder().encode(secret);
		}
		ClientMetadata admin = new ClientMetadata(this.properties.id().trim(), "Baton administration", null, null, null,
				List.of("client_credentials"), null, "client_secret_basic", null,
				ClientMetadataValidator.ADMIN_SCOPE + " " + ClientMetadataValidator.CLIENT_CREATE_SCOPE, null, null,
				List.of(this.validator.issuer()), null, true, null, null, null, null, null, null, null, null);
		ClientOutcome outcome = this.registry.create(admin, hash, ClientActor.system(ClientActor.BOOTSTRAP));
		if (outcome instanceof ClientOutcome.Created) {
			logger.info("Created the admin client {} from BATON_ADMIN_CLIENT_ID (scopes baton.admin client.create)",
					this.properties.id().trim());
			return;
		}
		if (outcome instanceof ClientOutcome.AlreadyExists) {
			throw new IllegalStateException("BATON_ADMIN_CLIENT_ID names the client " + this.properties.id().trim()
					+ ", which exists without scope baton.admin; choose another id");
		}
		throw new IllegalStateException("BATON_ADMIN_CLIENT_ID is not usable: "
				+ ((outcome instanceof ClientOutcome.Invalid invalid) ? invalid.errors() : outcome));
	}

}
