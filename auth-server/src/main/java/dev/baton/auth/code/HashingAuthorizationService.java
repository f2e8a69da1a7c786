package dev.baton.auth.code;

import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import dev.baton.auth.audit.AuditEventType;
import dev.baton.auth.audit.AuditLog;
import dev.baton.auth.client.ClientPolicy;
import dev.baton.auth.crypto.TokenHash;
import dev.baton.auth.refresh.RefreshPolicy;
import dev.baton.auth.refresh.RevocationReason;
import dev.baton.auth.refresh.TokenFamilyRepository;
import dev.baton.auth.refresh.TokenFamilyService;
import dev.baton.auth.refresh.TokenFamilyService.NewFamily;
import dev.baton.auth.support.RequestOrigin;
import dev.baton.auth.support.RequestOrigins;
import dev.baton.auth.token.TokenAttributes;
import dev.baton.auth.user.UserAccount;
import dev.baton.auth.user.UserAccountRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Replaces the framework's authorization storage, which keeps token values in plaintext
 * columns without an index. The framework's authorization-code, consent and logout
 * providers talk to this service; Baton keeps:
 * <ul>
 * <li>authorization codes and consent states as SHA-256 hashes behind unique indexes
 * ({@code authorization_code});
 * <li>refresh tokens as token families ({@link TokenFamilyService}), created when a code
 * is redeemed;
 * <li>no access tokens and no ID tokens at all: they are signed JWTs, verified when
 * presented.
 * </ul>
 */
@Service
public class HashingAuthorizationService implements OAuth2AuthorizationService {

	private static final Logger logger = LoggerFactory.getLogger(HashingAuthorizationService.class);

	private static final OAuth2TokenType CODE = new OAuth2TokenType(OAuth2ParameterNames.CODE);

	private static final OAuth2TokenType STATE = new OAuth2TokenType(OAuth2ParameterNames.STATE);

	private final JdbcAuthorizationCodeRepository codes;

	private final RegisteredClientRepository clients;

	private final TokenFamilyService familyService;

	private final TokenFamilyRepository families;

	private final AuditLog auditLog;

	private final AuthorizationServerSettings settings;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final UserAccountRepository accounts;

	HashingAuthorizationService(JdbcAuthorizationCodeRepository codes, RegisteredClientRepository clients,
			TokenFamilyService familyService, TokenFamilyRepository families, AuditLog auditLog,
			AuthorizationServerSettings settings, Clock clock, ApplicationEventPublisher events,
			UserAccountRepository accounts) {
		this.events = events;
		this.accounts = accounts;
		this.codes = codes;
		this.clients = clients;
		this.familyService = familyService;
		this.families = families;
		this.auditLog = auditLog;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Stores what the framework hands over, by the stage the authorization is at: waiting
	 * for consent, code issued, code redeemed (the code is consumed with a conditional
	 * UPDATE and the token family starts), code used again (the family is revoked, RFC
	 * 6749 §4.1.2). Client credentials are not handed here (see the token endpoint's
	 * wiring): they leave nothing to store.
	 */
	@Override
	@Transactional
	public void save(OAuth2Authorization authorization) {
		OAuth2Authorization.Token<OAuth2AuthorizationCode> code = authorization.getToken(OAuth2AuthorizationCode.class);
		if (code == null) {
			saveWithoutCode(authorization);
		}
		else if (!code.isInvalidated()) {
			saveIssuedCode(authorization, code.getToken());
		}
		else if (authorization.getAccessToken() != null) {
			saveRedeemedCode(authorization);
		}
		else if (authorization.getRefreshToken() != null && authorization.getRefreshToken().isInvalidated()) {
			revokeFamilyOfReusedCode(authorization);
		}
		else {
			this.codes.consume(authorization.getId(), this.clock.instant());
		}
	}

	private void saveWithoutCode(OAuth2Authorization authorization) {
		String state = authorization.getAttribute(OAuth2ParameterNames.STATE);
		if (state != null) {
			Instant now = this.clock.instant();
			RegisteredClient client = requireClient(authorization.getRegisteredClientId());
			this.codes.insert(StoredAuthorizations.toRow(authorization, client.getClientId(), null, TokenHash.of(state),
					now, now.plus(client.getTokenSettings().getAuthorizationCodeTimeToLive())));
			return;
		}
		// Client credentials never come here: their grant has a store that keeps nothing.
		throw new IllegalStateException(
				"Unexpected authorization to save: " + authorization.getAuthorizationGrantType());
	}

	private void saveIssuedCode(OAuth2Authorization authorization, OAuth2AuthorizationCode code) {
		TokenHash codeHash = TokenHash.of(code.getTokenValue());
		RegisteredClient client = requireClient(authorization.getRegisteredClientId());
		if (!this.codes.grantCode(authorization.getId(), codeHash, authorization.getAuthorizedScopes(),
				code.getIssuedAt(), code.getExpiresAt())) {
			this.codes.insert(StoredAuthorizations.toRow(authorization, client.getClientId(), codeHash, null,
					code.getIssuedAt(), code.getExpiresAt()));
		}
		this.events.publishEvent(new AuthorizationCodeIssued(authorization.getId(), client.getClientId(),
				authorization.getPrincipalName()));
	}

	private void saveRedeemedCode(OAuth2Authorization authorization) {
		if (!this.codes.consume(authorization.getId(), this.clock.instant())) {
			// Another request redeemed the same code a moment ago.
			throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_GRANT);
		}
		OAuth2Authorization.Token<OAuth2RefreshToken> refreshToken = authorization.getRefreshToken();
		if (refreshToken == null) {
			return;
		}
		RegisteredClient client = requireClient(authorization.getRegisteredClientId());
		Authentication principal = authorization.getAttribute(Principal.class.getName());
		Set<String> resources = authorization.getAttribute(TokenAttributes.RESOURCES);
		String subject = authorization.getAttribute(TokenAttributes.SUBJECT);
		if (subject == null) {
			throw new IllegalStateException("A redeemed authorization code without the account's subject id");
		}
		NewFamily family = new NewFamily(authorization.getId(), client.getClientId(), subject,
				authorization.getAuthorizedScopes(),
				(resources == null || resources.isEmpty()) ? ClientPolicy.audiences(client) : resources,
				TokenAttributes.authenticationTime(principal).orElse(this.clock.instant()), RefreshPolicy.of(client));
		this.familyService.start(family, refreshToken.getToken().getTokenValue(), RequestOrigins.current());
	}

	private void revokeFamilyOfReusedCode(OAuth2Authorization authorization) {
		RequestOrigin origin = RequestOrigins.current();
		this.families.findById(authorization.getId()).ifPresent((family) -> {
			this.auditLog.record(AuditEventType.AUTHORIZATION_CODE_REUSE_DETECTED, family.subject(), family.clientId(),
					family.id(), null, origin);
			logger.warn("Authorization code used again: client {}, family {}; the family is revoked", family.clientId(),
					family.id());
			this.familyService.revoke(family, RevocationReason.AUTHORIZATION_CODE_REUSED, origin);
		});
	}

	@Override
	@Transactional
	public void remove(OAuth2Authorization authorization) {
		this.codes.delete(authorization.getId());
	}

	/**
	 * Not needed by the flows Baton enables; authorizations are found by their code or
	 * consent state.
	 */
	@Override
	public OAuth2Authorization findById(String id) {
		return null;
	}

	/**
	 * Finds an authorization by code or consent state, through the hash of the presented
	 * value. Access, refresh and ID tokens are handled by Baton's own providers and
	 * end-session endpoint, not looked up here.
	 */
	@Override
	public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
		if (token == null || token.isEmpty()) {
			return null;
		}
		if (CODE.equals(tokenType)) {
			return this.codes.findByCodeHash(TokenHash.of(token))
				.flatMap((row) -> withSubject(row, token))
				.orElse(null);
		}
		if (STATE.equals(tokenType)) {
			return this.codes.findByConsentStateHash(TokenHash.of(token))
				.filter((row) -> row.expiresAt().isAfter(this.clock.instant()))
				.map((row) -> fromRow(row, token))
				.orElse(null);
		}
		return null;
	}

	/**
	 * The authorization of a presented code, carrying the account id that becomes
	 * {@code sub} and the family's subject (OpenID Connect Core §2). The row names the
	 * user by the sign-in's principal name, the username; the code of an account disabled
	 * or deleted since it was issued is not redeemable (RFC 6749 §5.2
	 * {@code invalid_grant}).
	 */
	private Optional<OAuth2Authorization> withSubject(AuthorizationCode row, String presentedValue) {
		Optional<UserAccount> account = this.accounts.findByUsername(row.subject()).filter(UserAccount::enabled);
		if (account.isEmpty()) {
			logger.info("Authorization code of a disabled or deleted user presented: client {}, authorization {}",
					row.clientId(), row.id());
			return Optional.empty();
		}
		return Optional.ofNullable(fromRow(row, presentedValue))
			.map((authorization) -> OAuth2Authorization.from(authorization)
				.attribute(TokenAttributes.SUBJECT, account.get().id())
				.build());
	}

	private OAuth2Authorization fromRow(AuthorizationCode row, String presentedValue) {
		RegisteredClient client = this.clients.findByClientId(row.clientId());
		if (client == null) {
			return null;
		}
		return StoredAuthorizations.fromRow(row, client, presentedValue,
				this.settings.getIssuer() + this.settings.getAuthorizationEndpoint());
	}

	private RegisteredClient requireClient(String registeredClientId) {
		RegisteredClient client = this.clients.findById(registeredClientId);
		if (client == null) {
			throw new IllegalStateException("Unknown client " + registeredClientId);
		}
		return client;
	}

}
