package dev.baton.auth.signin;

import dev.baton.auth.audit.AuditEventType;
import dev.baton.auth.audit.AuditLog;
import dev.baton.auth.support.RequestOrigins;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.logout.LogoutHandler;

/** Audits {@code SIGNED_OUT} when a signed-in user ends the browser sign-in through {@code POST /logout}. */
public final class SignOutAuditor implements LogoutHandler {

	private final AuditLog auditLog;

	public SignOutAuditor(AuditLog auditLog) {
		this.auditLog = auditLog;
	}

	@Override
	public void logout(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
		if (authentication != null) {
			this.auditLog.record(AuditEventType.SIGNED_OUT, authentication.getName(), null, null, null,
					RequestOrigins.of(request));
		}
	}

}
