package dev.baton.auth.web;

import java.util.List;

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
 * Client-secret guessing is throttled per client id (RFC 6749 §10.10: the server must protect credentials
 * against brute force; RFC 9700 §4.x): each {@code client_secret_basic}/{@code client_secret_post} attempt of a
 * registered client is counted before the secret is checked, in the database shared by every node
 * ({@link SignInThrottle}, key {@code client:<id>}). After {@code baton.sign-in.client-threshold} failures the
 * client id is locked for a growing while, during which no secret is checked, the right one included. The answer
 * stays {@code 401 invalid_client} (RFC 6749 §5.2), so the client learns nothing new; the audit log gets
 * {@code CLIENT_AUTHENTICATION_FAILED} and the log a WARN with the client id (never the secret). Unknown client
 * ids are not counted: there is nothing to guess, and counting them would let anyone fill the table.
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
		if (this.clients.findByClientId(clientId) == null) {
			return this.secrets.authenticate(authentication);
		}
		ThrottleKey key = ThrottleKey.client(clientId);
		RequestOrigin origin = RequestOrigins.current();
		if (this.throttle.attempt(List.of(key)) instanceof SignInThrottle.Attempt.Locked locked) {
			logger.warn("Client authentication of {} refused without checking the secret: locked until {} after "
					+ "too many failures", clientId, locked.until());
			this.auditLog.record(AuditEventType.CLIENT_AUTHENTICATION_FAILED, null, clientId, null, "THROTTLED",
					origin);
			throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
		}
		Authentication result;
		try {
			result = this.secrets.authenticate(authentication);
		}
		catch (OAuth2AuthenticationException ex) {
			logger.info("Client authentication of {} failed: {}", clientId, ex.getError().getErrorCode());
			this.auditLog.record(AuditEventType.CLIENT_AUTHENTICATION_FAILED, null, clientId, null,
					"BAD_CREDENTIALS", origin);
			throw ex;
		}
		if (result != null && result.isAuthenticated()) {
			this.throttle.reset(key);
		}
		else {
			this.throttle.refund(key);
		}
		return result;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return OAuth2ClientAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
