package dev.baton.bff;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * This app's own settings ({@code bff.*}); how it signs in at Baton is Spring Boot's
 * {@code spring.security.oauth2.client.*} (registration {@value #REGISTRATION_ID}).
 *
 * @param apiBaseUrl where resource-server-demo listens; the page's {@code /api/notes}
 * calls are relayed there
 */
@ConfigurationProperties("bff")
public record BffProperties(@DefaultValue("http://localhost:8080") String apiBaseUrl) {

	/**
	 * The client registration of Baton, also the last segment of the callback and
	 * back-channel URIs.
	 */
	public static final String REGISTRATION_ID = "baton";

}
