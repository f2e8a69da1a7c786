package dev.baton.auth.mfa;

import java.time.Clock;

import dev.baton.auth.token.AuthenticationMethods;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Component;

/**
 * Adds the second factor to the browser's sign-in: the same authentication with a
 * {@code FACTOR_OTP} authority issued now (so {@code auth_time} moves), under a new
 * session id (no fixation across the step), saved in the session every node reads.
 */
@Component
final class SecondFactorSessions {

	private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

	private final SecurityContextRepository repository = new HttpSessionSecurityContextRepository();

	private final RequestCache requests = new HttpSessionRequestCache();

	private final Clock clock;

	SecondFactorSessions(Clock clock) {
		this.clock = clock;
	}

	void addSecondFactor(Authentication current, HttpServletRequest request, HttpServletResponse response) {
		FactorGrantedAuthority otp = FactorGrantedAuthority.withAuthority(AuthenticationMethods.OTP_AUTHORITY)
			.issuedAt(this.clock.instant())
			.build();
		Authentication upgraded = current.toBuilder()
			.authorities((authorities) -> authorities
				.removeIf((authority) -> AuthenticationMethods.OTP_AUTHORITY.equals(authority.getAuthority())))
			.authorities((authorities) -> authorities.add(otp))
			.build();
		request.changeSessionId();
		SecurityContext context = this.contexts.createEmptyContext();
		context.setAuthentication(upgraded);
		this.contexts.setContext(context);
		this.repository.saveContext(context, request, response);
	}

	/**
	 * Where to go after the step: the request that asked for it (an authorization
	 * request), else the account.
	 */
	String continueUrl(HttpServletRequest request, HttpServletResponse response) {
		SavedRequest saved = this.requests.getRequest(request, response);
		if (saved == null) {
			return "/account";
		}
		this.requests.removeRequest(request, response);
		return saved.getRedirectUrl();
	}

	boolean hasPendingRequest(HttpServletRequest request, HttpServletResponse response) {
		return this.requests.getRequest(request, response) != null;
	}

}
