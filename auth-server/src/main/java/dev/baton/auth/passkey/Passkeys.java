package dev.baton.auth.passkey;

import java.util.List;

import dev.baton.auth.audit.AuditLog;
import dev.baton.auth.user.SignedInAccounts;
import dev.baton.auth.user.UserAccountRepository;

import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationFilter;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationProvider;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.springframework.stereotype.Component;

/**
 * Turns the framework's WebAuthn support ({@code http.webAuthn(...)}) on for Baton's
 * pages: sign-in with a passkey at {@code POST /login/webauthn} (only factor, or added to
 * a password sign-in of the same user, the framework's multi-factor merge), registration
 * at {@code /webauthn/register/options} and {@code /webauthn/register} from the account
 * page. The framework's registration page is off; Baton's pages use the framework's
 * script.
 */
@Component
public final class Passkeys {

	/** Where Baton serves the framework's {@code spring-security-webauthn.js}. */
	public static final String SCRIPT_PATH = "/js/spring-security-webauthn.js";

	private final WebAuthnRelyingPartyOperations relyingParty;

	private final UserDetailsService users;

	private final UserAccountRepository accounts;

	private final SignedInAccounts signedInAccounts;

	private final AuditLog auditLog;

	private final PasskeyProperties properties;

	Passkeys(WebAuthnRelyingPartyOperations relyingParty, UserDetailsService users, UserAccountRepository accounts,
			SignedInAccounts signedInAccounts, AuditLog auditLog, PasskeyProperties properties) {
		this.relyingParty = relyingParty;
		this.users = users;
		this.accounts = accounts;
		this.signedInAccounts = signedInAccounts;
		this.auditLog = auditLog;
		this.properties = properties;
	}

	public void configure(HttpSecurity http, String issuer) throws Exception {
		http.webAuthn((webAuthn) -> webAuthn.rpName(this.properties.rpName())
			.rpId(this.properties.rpIdFor(issuer))
			.allowedOrigins(this.properties.allowedOriginsFor(issuer))
			.disableDefaultRegistrationPage(true)
			.withObjectPostProcessor(new ObjectPostProcessor<WebAuthnAuthenticationFilter>() {
				@Override
				public <O extends WebAuthnAuthenticationFilter> O postProcess(O filter) {
					filter.setAuthenticationManager(new ProviderManager(List.of(new PasskeySignInProvider(
							new WebAuthnAuthenticationProvider(Passkeys.this.relyingParty, Passkeys.this.users),
							Passkeys.this.accounts, Passkeys.this.signedInAccounts, Passkeys.this.auditLog))));
					// a passkey after the password of the same user adds its factor to
					// that sign-in
					filter.setMfaEnabled(true);
					filter.setSessionAuthenticationStrategy(new ChangeSessionIdAuthenticationStrategy());
					return filter;
				}
			}));
	}

}
