package dev.baton.auth.account;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.baton.auth.audit.AuditEventType;
import dev.baton.auth.audit.AuditLog;
import dev.baton.auth.refresh.RevocationReason;
import dev.baton.auth.signin.SignInThrottle;
import dev.baton.auth.signin.ThrottleKey;
import dev.baton.auth.support.RequestOrigin;
import dev.baton.auth.user.JdbcUserAccountRepository;
import dev.baton.auth.user.UserAccount;
import dev.baton.auth.user.UserAccountRepository;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * What the signed-in user changes about their own account: the display name, the e-mail
 * address (a new address is verified before the account takes it,
 * {@link EmailVerificationService}), and deleting the account. An address that belongs to
 * another account is never revealed: the answer is the same as for a free one, and its
 * owner gets a notice instead of a link. Mail to one new address counts against the
 * password-reset limit per address ({@code baton.sign-in.password-resets-per-address}),
 * so nobody floods an inbox through this form. Deleting needs the current password,
 * counted like a sign-in against the account from the caller's IP (as a password change
 * is), so a stolen session cannot guess it.
 */
@Service
public class AccountProfileService {

	private final UserAccountRepository accounts;

	private final EmailVerificationService verifications;

	private final UserAdministration administration;

	private final PasswordEncoder passwordEncoder;

	private final SignInThrottle throttle;

	private final AuditLog auditLog;

	AccountProfileService(UserAccountRepository accounts, EmailVerificationService verifications,
			UserAdministration administration, PasswordEncoder passwordEncoder, SignInThrottle throttle,
			AuditLog auditLog) {
		this.accounts = accounts;
		this.verifications = verifications;
		this.administration = administration;
		this.passwordEncoder = passwordEncoder;
		this.throttle = throttle;
		this.auditLog = auditLog;
	}

	/** How a profile change ended. */
	public sealed interface ProfileOutcome {

		/**
		 * Saved; {@code verificationSent}: a link went to the new (or still unverified)
		 * address.
		 */
		record Saved(boolean verificationSent) implements ProfileOutcome {
		}

		record Rejected(Map<String, String> errors) implements ProfileOutcome {
		}

	}

	/**
	 * Changes the display name (blank: the username) and asks to change the address
	 * (unchanged when {@code email} is {@code null} or the current address). Must not run
	 * inside a transaction (mail).
	 */
	public ProfileOutcome update(UserAccount account, String displayName, String email, RequestOrigin origin) {
		Map<String, String> errors = new LinkedHashMap<>();
		String name = (displayName == null || displayName.isBlank()) ? account.username() : displayName.trim();
		if (name.length() > RegistrationService.MAX_DISPLAY_NAME_LENGTH) {
			errors.put("displayName",
					"must be at most " + RegistrationService.MAX_DISPLAY_NAME_LENGTH + " characters long");
		}
		String address = (email != null) ? email.trim() : null;
		boolean newAddress = address != null && !address.isEmpty()
				&& !JdbcUserAccountRepository.normalize(address).equals(account.email());
		if (newAddress && (address.length() > RegistrationService.MAX_EMAIL_LENGTH
				|| !RegistrationService.EMAIL.matcher(address).matches())) {
			errors.put("email", "must be an e-mail address such as name@example.com");
		}
		if (newAddress && this.throttle
			.attempt(List.of(ThrottleKey.passwordResetAddress(address))) instanceof SignInThrottle.Attempt.Locked) {
			// Mail to one address is limited (the password-reset limit, counted for any
			// address): no inbox flood.
			errors.put("email", "was sent too many mails lately; try again later");
		}
		if (!errors.isEmpty()) {
			return new ProfileOutcome.Rejected(errors);
		}
		StringBuilder changed = new StringBuilder();
		if (!name.equals(account.displayName())) {
			this.accounts.updateDisplayName(account.id(), name);
			changed.append("displayName");
		}
		if (newAddress) {
			if (this.accounts.findByEmail(address).isPresent()) {
				this.verifications.sendTakenNotice(address);
			}
			else {
				this.verifications.sendLink(account.id(), address);
			}
			changed.append(changed.isEmpty() ? "" : " ").append("email (pending verification)");
		}
		if (!changed.isEmpty()) {
			this.auditLog.record(AuditEventType.PROFILE_UPDATED, account.id(), null, null, changed.toString(), origin);
		}
		return new ProfileOutcome.Saved(newAddress);
	}

	/**
	 * Sends a new link to the account's address while it is unverified; false when there
	 * is nothing to verify.
	 */
	public boolean resendVerification(UserAccount account) {
		if (account.email() == null || account.emailVerified()) {
			return false;
		}
		this.verifications.sendLink(account.id(), account.email());
		return true;
	}

	/**
	 * Deletes the account after checking the current password: every session ends (reason
	 * {@code ACCOUNT_DELETED}) and the personal data goes, as an administrator's deletion
	 * does ({@link UserAdministration#deleteAccount}).
	 * @return why not, or empty when the account is gone
	 */
	public Optional<String> delete(UserAccount account, String currentPassword, RequestOrigin origin) {
		ThrottleKey sourceKey = ThrottleKey.accountFromIp(account.username(), String.valueOf(origin.ip()));
		if (this.throttle.lockedUntil(sourceKey).isPresent()) {
			return Optional.of("too many wrong attempts; wait a few minutes and try again");
		}
		Optional<UserAccount> current = this.accounts.findById(account.id()).filter(UserAccount::enabled);
		if (current.isEmpty() || currentPassword == null
				|| !this.passwordEncoder.matches(currentPassword, current.get().passwordHash())) {
			this.throttle.recordFailure(sourceKey);
			return Optional.of("is not correct");
		}
		this.administration.deleteAccount(current.get(), null, RevocationReason.ACCOUNT_DELETED, origin);
		return Optional.empty();
	}

}
