package dev.baton.auth.client;

import java.time.Duration;

/**
 * The server-wide token lifetimes a registered client starts from ({@code baton.token.*}
 * and {@code baton.refresh.*}); its own settings override them. The token and refresh
 * features, above this one, provide the bean.
 *
 * @param accessTokenTtl lifetime of access tokens
 * @param authorizationCodeTtl lifetime of authorization codes (not per client)
 * @param idTokenTtl lifetime of ID tokens
 * @param refreshIdleTtl lifetime of one refresh token
 * @param refreshAbsoluteTtl lifetime of a token family
 * @param refreshGraceWindow the lost-response retry window, zero for strict rotation
 */
public record TokenDefaults(Duration accessTokenTtl, Duration authorizationCodeTtl, Duration idTokenTtl,
		Duration refreshIdleTtl, Duration refreshAbsoluteTtl, Duration refreshGraceWindow) {
}
