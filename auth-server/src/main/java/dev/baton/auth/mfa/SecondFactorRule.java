package dev.baton.auth.mfa;

import java.util.List;
import java.util.function.Supplier;

import dev.baton.auth.token.AuthenticationMethods;

import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.FactorAuthorizationDecision;
import org.springframework.security.authorization.RequiredFactor;
import org.springframework.security.authorization.RequiredFactorError;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.DelegatingMissingAuthorityAccessDeniedHandler;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;

/**
 * The pages of a user who has a second factor need a sign-in with it: a sign-in with the
 * password only gets the framework's "missing factor" decision
 * ({@link FactorAuthorizationDecision} for {@code FACTOR_OTP}), which
 * {@link #accessDeniedHandler} turns into the second-factor step at
 * {@value SecondFactorPageController#PATH}, and the page asked for afterwards. Whether
 * the user has one is read at each request, so a factor set up in another browser or on
 * another node applies to every sign-in of the user at once.
 */
public final class SecondFactorRule implements AuthorizationManager<RequestAuthorizationContext> {

	private static final RequiredFactor OTP = RequiredFactor.withAuthority(AuthenticationMethods.OTP_AUTHORITY).build();

	private static final AuthenticationTrustResolver SIGN_INS = new AuthenticationTrustResolverImpl();

	private final SecondFactors secondFactors;

	private final AuthorizationManager<RequestAuthorizationContext> next;

	private SecondFactorRule(SecondFactors secondFactors, AuthorizationManager<RequestAuthorizationContext> next) {
		this.secondFactors = secondFactors;
		this.next = next;
	}

	/** Signed in, with the second factor if the user has one. */
	public static SecondFactorRule authenticated(SecondFactors secondFactors) {
		return new SecondFactorRule(secondFactors, null);
	}

	/** As {@link #authenticated}, then {@code next} decides. */
	public static SecondFactorRule then(SecondFactors secondFactors,
			AuthorizationManager<RequestAuthorizationContext> next) {
		return new SecondFactorRule(secondFactors, next);
	}

	@Override
	public AuthorizationResult authorize(
			Supplier<? extends org.springframework.security.core.Authentication> authentication,
			RequestAuthorizationContext context) {
		org.springframework.security.core.Authentication current = authentication.get();
		if (!SIGN_INS.isAuthenticated(current)) {
			return new AuthorizationDecision(false);
		}
		if (!AuthenticationMethods.hasSecondFactor(current) && this.secondFactors.isEnrolled(current.getName())) {
			return new FactorAuthorizationDecision(List.of(RequiredFactorError.createMissing(OTP)));
		}
		return (this.next != null) ? this.next.authorize(authentication, context) : new AuthorizationDecision(true);
	}

	/**
	 * Sends a missing second factor to its step (remembering the request), anything else
	 * to {@code otherwise}.
	 */
	public static AccessDeniedHandler accessDeniedHandler(AccessDeniedHandler otherwise) {
		DelegatingMissingAuthorityAccessDeniedHandler handler = DelegatingMissingAuthorityAccessDeniedHandler.builder()
			.addEntryPointFor(new LoginUrlAuthenticationEntryPoint(SecondFactorPageController.PATH),
					AuthenticationMethods.OTP_AUTHORITY)
			.build();
		handler.setRequestCache(new HttpSessionRequestCache());
		if (otherwise != null) {
			handler.setDefaultAccessDeniedHandler(otherwise);
		}
		return handler;
	}

}
