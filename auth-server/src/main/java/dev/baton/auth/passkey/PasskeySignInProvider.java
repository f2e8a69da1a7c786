package dev.baton.auth.passkey;

import dev.baton.auth.audit.AuditEventType;
import dev.baton.auth.audit.AuditLog;
import dev.baton.auth.support.RequestOrigins;
import dev.baton.auth.user.SignedInAccounts;
import dev.baton.auth.user.UserAccount;
import dev.baton.auth.user.UserAccountRepository;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationRequestToken;

/**
 * Sign-in with a passkey: the framework's WebAuthn check (signature over the challenge,
 * origin, relying party id, counter), then Baton's: the account must exist and be enabled
 * (the framework's provider does not look), and every attempt is audited like a password
 * sign-in ({@code SIGN_IN_SUCCEEDED} / {@code SIGN_IN_FAILED}, detail {@code PASSKEY}). A
 * passkey is no secret that can be guessed, so no throttle applies.
 */
final class PasskeySignInProvider implements AuthenticationProvider {

	private final AuthenticationProvider webAuthn;

	private final UserAccountRepository accounts;

	private final SignedInAccounts signedInAccounts;

	private final AuditLog auditLog;

	PasskeySignInProvider(AuthenticationProvider webAuthn, UserAccountRepository accounts,
			SignedInAccounts signedInAccounts, AuditLog auditLog) {
		this.webAuthn = webAuthn;
		this.accounts = accounts;
		this.signedInAccounts = signedInAccounts;
		this.auditLog = auditLog;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		Authentication result;
		try {
			result = this.webAuthn.authenticate(authentication);
		}
		catch (AuthenticationException ex) {
			this.auditLog.record(AuditEventType.SIGN_IN_FAILED, null, null, null, "PASSKEY", RequestOrigins.current());
			throw new BadCredentialsException("The passkey was not accepted");
		}
		UserAccount account = this.accounts.findByUsername(result.getName()).orElse(null);
		if (account == null || !account.enabled()) {
			this.auditLog.record(AuditEventType.SIGN_IN_FAILED,
					this.signedInAccounts.subjectOf(result.getName()).orElse(null), null, null, "ACCOUNT_DISABLED",
					RequestOrigins.current());
			throw new DisabledException("The account is disabled");
		}
		this.auditLog.record(AuditEventType.SIGN_IN_SUCCEEDED, account.id(), null, null, "PASSKEY",
				RequestOrigins.current());
		return result;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return WebAuthnAuthenticationRequestToken.class.isAssignableFrom(authentication);
	}

}
