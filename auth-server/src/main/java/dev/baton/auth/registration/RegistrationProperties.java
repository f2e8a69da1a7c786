package dev.baton.auth.registration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Dynamic client registration ({@code baton.registration.*}).
 *
 * @param enabled RFC 7591/7592 registration at
 * {@value DynamicClientRegistrationController#PATH}, advertised in discovery as
 * {@code registration_endpoint}; off by default
 */
@ConfigurationProperties("baton.registration")
public record RegistrationProperties(boolean enabled) {

	/** Where registration answers, below the issuer. */
	public static final String PATH = DynamicClientRegistrationController.PATH;

}
