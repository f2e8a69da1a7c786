package dev.baton.auth.signin;

import dev.baton.auth.audit.AuditEventType;
import dev.baton.auth.audit.AuditLog;
import dev.baton.auth.support.RequestOrigins;
import dev.baton.auth.user.SignedInAccounts;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.logout.LogoutHandler;

/**
 * Audits {@code SIGNED_OUT} when a signed-in user ends the browser sign-in through
 * {@code POST /logout}.
 */
public final class SignOutAuditor implements LogoutHandler {

	private final AuditLog auditLog;

	private final SignedInAccounts accounts;

	public SignOutAuditor(AuditLog auditLog, SignedInAccounts accounts) {
		this.auditLog = auditLog;
		this.accounts = accounts;
	}

	@Override
	public void logout(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
		if (authentication != null) {
			this.auditLog.record(AuditEventType.SIGNED_OUT,
					this.accounts.subjectOf(authentication.getName()).orElse(authentication.getName()), null, null,
					null, RequestOrigins.of(request));
		}
	}

}
