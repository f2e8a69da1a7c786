package dev.baton.auth.account;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.baton.auth.audit.AuditEventType;
import dev.baton.auth.audit.AuditLog;
import dev.baton.auth.refresh.RevocationReason;
import dev.baton.auth.refresh.TokenFamilyService;
import dev.baton.auth.session.SignInSessions;
import dev.baton.auth.signin.SignInThrottle;
import dev.baton.auth.signin.ThrottleKey;
import dev.baton.auth.support.RequestOrigin;
import dev.baton.auth.user.PasswordPolicy;
import dev.baton.auth.user.UserAccount;
import dev.baton.auth.user.UserAccountRepository;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changes a password (OWASP ASVS V2.1.5: the current one is required) and signs out every
 * other session of the user (DESIGN rule 6): their token families are revoked with reason
 * {@code PASSWORD_CHANGED} and their browser sign-ins deleted, while the session the
 * change came from is kept. A wrong current password counts as a failed sign-in against
 * the account, so a stolen session cannot be used to guess it.
 */
@Service
public class PasswordChangeService {

	private final UserAccountRepository accounts;

	private final PasswordEncoder passwordEncoder;

	private final PasswordPolicy passwordPolicy;

	private final TokenFamilyService families;

	private final SignInSessions signIns;

	private final SignInThrottle throttle;

	private final AuditLog auditLog;

	PasswordChangeService(UserAccountRepository accounts, PasswordEncoder passwordEncoder,
			PasswordPolicy passwordPolicy, TokenFamilyService families, SignInSessions signIns, SignInThrottle throttle,
			AuditLog auditLog) {
		this.accounts = accounts;
		this.passwordEncoder = passwordEncoder;
		this.passwordPolicy = passwordPolicy;
		this.families = families;
		this.signIns = signIns;
		this.throttle = throttle;
		this.auditLog = auditLog;
	}

	/**
	 * @param keepFamilyId the token family making the request (API with a bearer token),
	 * or {@code null}
	 * @param keepSignInId the browser sign-in session making the request, or {@code null}
	 */
	@Transactional
	public PasswordChangeOutcome change(UserAccount user, String currentPassword, String newPassword,
			String keepFamilyId, String keepSignInId, RequestOrigin origin) {
		Optional<UserAccount> account = this.accounts.findById(user.id()).filter(UserAccount::enabled);
		if (account.isEmpty()) {
			return new PasswordChangeOutcome.Rejected(Map.of("currentPassword", "is not correct"));
		}
		String username = account.get().username();
		// Counted per username and source, like a sign-in from that place
		// (docs/SECURITY.md): the username's
		// ceiling, which guesses from anywhere can raise, must not lock the signed-in
		// owner out of a password
		// change (issue 13 item 2).
		ThrottleKey sourceKey = ThrottleKey.accountFromIp(username, String.valueOf(origin.ip()));
		if (this.throttle.lockedUntil(sourceKey).isPresent()) {
			return new PasswordChangeOutcome.Rejected(
					Map.of("currentPassword", "too many wrong attempts; wait a few minutes and try again"));
		}
		if (currentPassword == null || !this.passwordEncoder.matches(currentPassword, account.get().passwordHash())) {
			this.throttle.recordFailure(sourceKey);
			return new PasswordChangeOutcome.Rejected(Map.of("currentPassword", "is not correct"));
		}
		Map<String, String> errors = new LinkedHashMap<>();
		this.passwordPolicy.check(newPassword, username).ifPresent((error) -> errors.put("newPassword", error));
		if (newPassword != null && newPassword.equals(currentPassword)) {
			errors.put("newPassword", "must differ from the current password");
		}
		if (!errors.isEmpty()) {
			return new PasswordChangeOutcome.Rejected(errors);
		}
		this.accounts.updatePasswordHash(username, this.passwordEncoder.encode(newPassword));
		int endedFamilies = this.families.revokeAllOf(account.get().id(), keepFamilyId,
				RevocationReason.PASSWORD_CHANGED, origin);
		int endedSignIns = this.signIns.endAllExcept(account.get().username(), keepSignInId);
		this.auditLog.record(AuditEventType.PASSWORD_CHANGED, account.get().id(), null, keepFamilyId, null, origin);
		return new PasswordChangeOutcome.Changed(endedFamilies, endedSignIns);
	}

}
