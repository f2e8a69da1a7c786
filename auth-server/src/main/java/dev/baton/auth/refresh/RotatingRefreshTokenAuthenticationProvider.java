package dev.baton.auth.refresh;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import dev.baton.auth.database.TransactionRetry;
import dev.baton.auth.refresh.RotationOutcome.ClientMismatch;
import dev.baton.auth.refresh.RotationOutcome.Expired;
import dev.baton.auth.refresh.RotationOutcome.FamilyRevoked;
import dev.baton.auth.refresh.RotationOutcome.RecoveredUnconfirmed;
import dev.baton.auth.refresh.RotationOutcome.ResourceNotGranted;
import dev.baton.auth.refresh.RotationOutcome.RetriedWithinGrace;
import dev.baton.auth.refresh.RotationOutcome.ReuseDetected;
import dev.baton.auth.refresh.RotationOutcome.Rotated;
import dev.baton.auth.refresh.RotationOutcome.ScopeExceeded;
import dev.baton.auth.refresh.RotationOutcome.UserDisabled;
import dev.baton.auth.support.BatonMeters;
import dev.baton.auth.support.RequestOrigins;
import dev.baton.auth.token.ResourceIndicators;
import dev.baton.auth.token.TokenAttributes;
import io.micrometer.core.instrument.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.token.DefaultOAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/**
 * The refresh-token grant (RFC 6749 §6) with rotation and reuse detection, replacing the
 * framework's provider. The rotation runs in its own transaction and returns a
 * {@link RotationOutcome}; this provider turns it into a token response or an OAuth error
 * outside that transaction. Every failure is {@code invalid_grant} (or
 * {@code invalid_scope} / {@code invalid_target} for a request beyond the grant): replay,
 * expiry, revocation and an unknown token look alike to the client, while the log and the
 * audit log keep the reason.
 */
public final class RotatingRefreshTokenAuthenticationProvider implements AuthenticationProvider {

	private static final Logger logger = LoggerFactory.getLogger(RotatingRefreshTokenAuthenticationProvider.class);

	private final RefreshTokenRotator rotator;

	private final OAuth2TokenGenerator<? extends OAuth2Token> tokenGenerator;

	private final BatonMeters meters;

	private final TransactionRetry transactions;

	/**
	 * One counter per outcome type, looked up once: the registry lookup is not free on
	 * every refresh.
	 */
	private final ConcurrentMap<Class<?>, Counter> outcomeCounters = new ConcurrentHashMap<>();

	public RotatingRefreshTokenAuthenticationProvider(RefreshTokenRotator rotator,
			OAuth2TokenGenerator<? extends OAuth2Token> tokenGenerator, BatonMeters meters,
			TransactionRetry transactions) {
		this.rotator = rotator;
		this.tokenGenerator = tokenGenerator;
		this.meters = meters;
		this.transactions = transactions;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		OAuth2RefreshTokenAuthenticationToken grant = (OAuth2RefreshTokenAuthenticationToken) authentication;
		OAuth2ClientAuthenticationToken clientPrincipal = authenticatedClient(grant);
		RegisteredClient client = clientPrincipal.getRegisteredClient();
		if (client == null || !client.getAuthorizationGrantTypes().contains(AuthorizationGrantType.REFRESH_TOKEN)) {
			throw new OAuth2AuthenticationException(OAuth2ErrorCodes.UNAUTHORIZED_CLIENT);
		}
		Set<String> requestedResources = ResourceIndicators.requested(grant.getAdditionalParameters());
		RefreshRequest request = new RefreshRequest(grant.getRefreshToken(), client.getClientId(),
				RefreshPolicy.of(client), grant.getScopes(), requestedResources, RequestOrigins.current());
		// A rotation that lost a race (a Galera certification conflict, an InnoDB
		// deadlock) was rolled back: run it
		// again, and it decides on the winner's committed token (reuse or grace retry),
		// never a 5xx.
		RotationOutcome outcome = this.transactions.run("refresh rotation", () -> this.rotator.rotate(request));
		this.outcomeCounters
			.computeIfAbsent(outcome.getClass(), (type) -> this.meters.refreshOutcome(outcomeName(outcome)))
			.increment();
		if (outcome instanceof Rotated rotated) {
			return tokenResponse(grant, clientPrincipal, rotated.family(), rotated.successor());
		}
		if (outcome instanceof RetriedWithinGrace retried) {
			logger.info("Refresh retried within the grace window: client {}, family {}", client.getClientId(),
					retried.family().id());
			return tokenResponse(grant, clientPrincipal, retried.family(), retried.successor());
		}
		if (outcome instanceof RecoveredUnconfirmed recovered) {
			return tokenResponse(grant, clientPrincipal, recovered.family(), recovered.successor());
		}
		throw toError(outcome, client);
	}

	/** Logs the specific reason; the client learns only the standard error code. */
	private static OAuth2AuthenticationException toError(RotationOutcome outcome, RegisteredClient client) {
		String clientId = client.getClientId();
		if (outcome instanceof ReuseDetected) {
			return invalidGrant();
		}
		if (outcome instanceof Expired expired) {
			logger.debug("Expired refresh token: client {}, family {}", clientId, expired.family().id());
			return invalidGrant();
		}
		if (outcome instanceof ClientMismatch mismatch) {
			logger.warn("Refresh token of family {} presented by another client, {}", mismatch.family().id(), clientId);
			return invalidGrant();
		}
		if (outcome instanceof UserDisabled disabled) {
			logger.info("Refresh token of family {} presented by client {}, but its user is disabled or deleted",
					disabled.family().id(), clientId);
			return invalidGrant();
		}
		if (outcome instanceof FamilyRevoked revoked) {
			logger.info("Refresh token of revoked family {} presented by client {}", revoked.family().id(), clientId);
			return invalidGrant();
		}
		if (outcome instanceof ScopeExceeded) {
			return new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_SCOPE);
		}
		if (outcome instanceof ResourceNotGranted) {
			return new OAuth2AuthenticationException(ResourceIndicators.invalidTarget());
		}
		logger.debug("Unknown refresh token presented by client {}", clientId);
		return invalidGrant();
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return OAuth2RefreshTokenAuthenticationToken.class.isAssignableFrom(authentication);
	}

	private OAuth2AccessTokenAuthenticationToken tokenResponse(OAuth2RefreshTokenAuthenticationToken grant,
			OAuth2ClientAuthenticationToken clientPrincipal, TokenFamily family, IssuedRefreshToken successor) {
		RegisteredClient client = clientPrincipal.getRegisteredClient();
		Set<String> scopes = grant.getScopes().isEmpty() ? family.scopes() : grant.getScopes();
		OAuth2Authorization authorization = OAuth2Authorization.withRegisteredClient(client)
			.id(family.id())
			.principalName(family.subject())
			.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
			.authorizedScopes(family.scopes())
			.attribute(TokenAttributes.RESOURCES, family.resources())
			.attribute(TokenAttributes.SUBJECT, family.subject())
			.build();
		OAuth2Token token = this.tokenGenerator.generate(DefaultOAuth2TokenContext.builder()
			.registeredClient(client)
			.principal(TokenAttributes.userPrincipal(family.subject(), family.authTime()))
			.authorizationServerContext(AuthorizationServerContextHolder.getContext())
			.authorization(authorization)
			.authorizedScopes(scopes)
			.tokenType(OAuth2TokenType.ACCESS_TOKEN)
			.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
			.authorizationGrant(grant)
			.build());
		if (token == null) {
			throw new OAuth2AuthenticationException(
					new OAuth2Error(OAuth2ErrorCodes.SERVER_ERROR, "The access token could not be generated", null));
		}
		OAuth2AccessToken accessToken = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, token.getTokenValue(),
				token.getIssuedAt(), token.getExpiresAt(), scopes);
		OAuth2RefreshToken refreshToken = new OAuth2RefreshToken(successor.value(), successor.issuedAt(),
				successor.expiresAt());
		return new OAuth2AccessTokenAuthenticationToken(client, clientPrincipal, accessToken, refreshToken, Map.of());
	}

	private static OAuth2ClientAuthenticationToken authenticatedClient(Authentication grant) {
		if (grant.getPrincipal() instanceof OAuth2ClientAuthenticationToken client && client.isAuthenticated()) {
			return client;
		}
		throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
	}

	private static OAuth2AuthenticationException invalidGrant() {
		return new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_GRANT);
	}

	private static String outcomeName(RotationOutcome outcome) {
		return outcome.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
	}

}
