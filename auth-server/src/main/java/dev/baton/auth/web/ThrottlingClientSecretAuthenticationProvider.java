package dev.baton.auth.web;

import java.time.Instant;
import java.util.Optional;

import dev.baton.auth.audit.AuditEventType;
import dev.baton.auth.audit.AuditLog;
import dev.baton.auth.signin.SignInThrottle;
import dev.baton.auth.signin.ThrottleKey;
import dev.baton.auth.support.RequestOrigin;
import dev.baton.auth.support.RequestOrigins;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * Client-secret guessing is throttled per client id (RFC 6749 §10.10: the server must
 * protect credentials against brute force): while a client id is locked
 * ({@link SignInThrottle}, key {@code client:<id>}, in the database shared by every node)
 * no secret is checked, the right one included; each failed
 * {@code client_secret_basic}/{@code client_secret_post} attempt of a registered client
 * is counted (a conditional UPDATE), and {@code baton.sign-in.client-threshold} failures
 * lock the id for a growing while. A successful request costs one primary-key read and no
 * write: this is the token endpoint's hot path (unlike sign-in, the attempt is not
 * counted up front, so parallel wrong guesses sent at the very moment a lock ends can
 * each be checked: at most one per concurrent connection). The answer stays
 * {@code 401 invalid_client} (RFC 6749 §5.2), so the client learns nothing new; the audit
 * log gets {@code CLIENT_AUTHENTICATION_FAILED} and the log a WARN with the client id
 * (never the secret). Unknown client ids are not counted: there is nothing to guess, and
 * counting them would let anyone fill the table.
 */
final class ThrottlingClientSecretAuthenticationProvider implements AuthenticationProvider {

	private static final Logger logger = LoggerFactory.getLogger(ThrottlingClientSecretAuthenticationProvider.class);

	private final AuthenticationProvider secrets;

	private final RegisteredClientRepository clients;

	private final SignInThrottle throttle;

	private final AuditLog auditLog;

	ThrottlingClientSecretAuthenticationProvider(AuthenticationProvider secrets, RegisteredClientRepository clients,
			SignInThrottle throttle, AuditLog auditLog) {
		this.secrets = secrets;
		this.clients = clients;
		this.throttle = throttle;
		this.auditLog = auditLog;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		OAuth2ClientAuthenticationToken request = (OAuth2ClientAuthenticationToken) authentication;
		ClientAuthenticationMethod method = request.getClientAuthenticationMethod();
		if (!ClientAuthenticationMethod.CLIENT_SECRET_BASIC.equals(method)
				&& !ClientAuthenticationMethod.CLIENT_SECRET_POST.equals(method)) {
			return this.secrets.authenticate(authentication);
		}
		String clientId = String.valueOf(request.getPrincipal());
		ThrottleKey key = ThrottleKey.client(clientId);
		RequestOrigin origin = RequestOrigins.current();
		Optional<Instant> lockedUntil = this.throttle.lockedUntil(key);
		if (lockedUntil.isPresent()) {
			logger.warn("Client authentication of {} refused without checking the secret: locked until {} after "
					+ "too many failures", clientId, lockedUntil.get());
			this.auditLog.record(AuditEventType.CLIENT_AUTHENTICATION_FAILED, null, clientId, null, "THROTTLED",
					origin);
			throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
		}
		try {
			return this.secrets.authenticate(authentication);
		}
		catch (OAuth2AuthenticationException ex) {
			if (this.clients.findByClientId(clientId) != null) {
				this.throttle.recordFailure(key);
				logger.info("Client authentication of {} failed: {}", clientId, ex.getError().getErrorCode());
				this.auditLog.record(AuditEventType.CLIENT_AUTHENTICATION_FAILED, null, clientId, null,
						"BAD_CREDENTIALS", origin);
			}
			throw ex;
		}
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return OAuth2ClientAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
