package dev.baton.auth.support;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Baton is reached ({@code baton.*}).
 *
 * @param issuer the issuer identifier: the {@code iss} of every token and the base of
 * every discovered endpoint
 */
@ConfigurationProperties("baton")
public record BatonServerProperties(@DefaultValue("http://localhost:9000") String issuer) {
}
