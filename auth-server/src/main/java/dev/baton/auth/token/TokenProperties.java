package dev.baton.auth.token;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Server-wide token lifetimes ({@code baton.token.*}); clients may override the
 * access-token lifetime.
 *
 * @param accessTokenTtl lifetime of JWT access tokens: short, because resource servers
 * validate them without asking Baton, so a revoked family's access tokens live on until
 * they expire
 * @param authorizationCodeTtl lifetime of authorization codes (RFC 6749 §4.1.2 recommends
 * at most 10 minutes)
 * @param idTokenTtl lifetime of ID tokens
 */
@ConfigurationProperties("baton.token")
public record TokenProperties(@DefaultValue("PT5M") Duration accessTokenTtl,
		@DefaultValue("PT5M") Duration authorizationCodeTtl, @DefaultValue("PT30M") Duration idTokenTtl) {
}
