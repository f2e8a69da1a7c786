package dev.baton.auth.client.file;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The first admin client of a fresh installation ({@code baton.admin-client.*},
 * environment {@code BATON_ADMIN_CLIENT_ID} / {@code BATON_ADMIN_CLIENT_SECRET}): created
 * at a start that finds no client with scope {@code baton.admin}, and ignored once one
 * exists.
 *
 * @param id its {@code client_id}
 * @param secret its secret (at least 32 characters) or a ready {@code {sha256}} hash;
 * never logged
 */
@ConfigurationProperties("baton.admin-client")
public record AdminClientProperties(String id, String secret) {

	boolean isGiven() {
		return this.id != null && !this.id.isBlank() && this.secret != null && !this.secret.isBlank();
	}

	@Override
	public String toString() {
		return "AdminClientProperties[id=" + this.id + "]";
	}

}
