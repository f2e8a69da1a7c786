package dev.baton.auth.client;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The client registry ({@code baton.clients.*}).
 *
 * @param file the clients file applied at every start ({@code BATON_CLIENTS_FILE}); empty
 * for none
 * @param apiScopes the scopes of your APIs that clients may be registered with, beyond
 * Baton's own
 * ({@code openid profile email offline_access baton.account baton.admin client.create});
 * the default names the demo API's
 * @param listMaxPageSize the largest page {@code GET /api/admin/clients} returns
 */
@ConfigurationProperties("baton.clients")
public record ClientRegistryProperties(String file, @DefaultValue( {
		"notes.read", "notes.write" }) List<String> apiScopes, @DefaultValue("200") int listMaxPageSize){

	public ClientRegistryProperties {
		apiScopes = (apiScopes != null) ? List.copyOf(apiScopes) : List.of();
	}

	public boolean hasFile() {
		return this.file != null && !this.file.isBlank();
	}

}
