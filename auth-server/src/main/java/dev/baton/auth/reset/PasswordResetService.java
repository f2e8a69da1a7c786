package dev.baton.auth.reset;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.baton.auth.audit.AuditEventType;
import dev.baton.auth.audit.AuditLog;
import dev.baton.auth.crypto.OpaqueTokens;
import dev.baton.auth.crypto.TokenHash;
import dev.baton.auth.mail.Mailer;
import dev.baton.auth.mail.OutgoingMail;
import dev.baton.auth.refresh.RevocationReason;
import dev.baton.auth.refresh.TokenFamilyService;
import dev.baton.auth.session.SignInSessions;
import dev.baton.auth.signin.SignInThrottle;
import dev.baton.auth.signin.ThrottleKey;
import dev.baton.auth.support.BatonServerProperties;
import dev.baton.auth.support.RequestOrigin;
import dev.baton.auth.user.PasswordPolicy;
import dev.baton.auth.user.UserAccount;
import dev.baton.auth.user.UserAccountRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * "Forgot password?" (OWASP ASVS V2.5, NIST SP 800-63B §6.1.2.3): a single-use link with
 * a 256-bit token, valid for {@code baton.password-reset.link-ttl} (15 minutes), goes to
 * the account's address; only the token's SHA-256 is stored. The link is built on
 * {@code baton.issuer}, never on the request's {@code Host} header.
 * <ul>
 * <li><b>No account enumeration</b>: a request gets the same answer whether or not an
 * account has the address; the mail goes out on a thread of its own ({@link Mailer}), so
 * the answer's timing does not tell either.
 * <li><b>Throttled</b> per address (known or not) and per IP through the sign-in
 * throttle, so nobody floods an inbox or the mail server.
 * <li><b>Setting the password</b> uses the link (a conditional DELETE checked by its row
 * count), deletes the account's other links, follows the registration rules
 * ({@link PasswordPolicy}), revokes every token family (reason {@code PASSWORD_RESET},
 * DESIGN rule 6), ends every browser sign-in, lifts the sign-in throttle of the username,
 * marks the address verified (the link proved it) and mails a notice. All of it is
 * audited; no token reaches a log or the audit log.
 * </ul>
 */
@Service
public class PasswordResetService {

	static final String PATH = "/account/password-reset/new";

	private static final Logger logger = LoggerFactory.getLogger(PasswordResetService.class);

	private final UserAccountRepository accounts;

	private final JdbcPasswordResetRepository resets;

	private final PasswordResetProperties properties;

	private final PasswordEncoder passwordEncoder;

	private final PasswordPolicy passwordPolicy;

	private final TokenFamilyService families;

	private final SignInSessions signIns;

	private final SignInThrottle throttle;

	private final Mailer mailer;

	private final String issuer;

	private final AuditLog auditLog;

	private final TransactionTemplate transaction;

	private final Clock clock;

	PasswordResetService(UserAccountRepository accounts, JdbcPasswordResetRepository resets,
			PasswordResetProperties properties, PasswordEncoder passwordEncoder, PasswordPolicy passwordPolicy,
			TokenFamilyService families, SignInSessions signIns, SignInThrottle throttle, Mailer mailer,
			BatonServerProperties server, AuditLog auditLog, TransactionTemplate transaction, Clock clock) {
		this.accounts = accounts;
		this.resets = resets;
		this.properties = properties;
		this.passwordEncoder = passwordEncoder;
		this.passwordPolicy = passwordPolicy;
		this.families = families;
		this.signIns = signIns;
		this.throttle = throttle;
		this.mailer = mailer;
		this.issuer = server.issuer();
		this.auditLog = auditLog;
		this.transaction = transaction;
		this.clock = clock;
	}

	/**
	 * How asking for a link ended; both look the same to the caller as far as the address
	 * goes.
	 */
	public enum Request {

		/** Accepted: a link went out if an enabled account has the address. */
		ACCEPTED,

		/**
		 * Too many requests for this address or from this IP; nothing was looked up or
		 * sent.
		 */
		THROTTLED

	}

	/**
	 * Asks for a reset link for the address. Must not run inside a transaction (the mail
	 * follows the commit).
	 */
	public Request request(String email, RequestOrigin origin) {
		String address = (email != null) ? email.trim() : "";
		List<ThrottleKey> keys = List.of(ThrottleKey.passwordResetAddress(address),
				ThrottleKey.passwordResetIp(String.valueOf(origin.ip())));
		if (this.throttle.attempt(keys) instanceof SignInThrottle.Attempt.Locked) {
			this.auditLog.record(AuditEventType.PASSWORD_RESET_REQUESTED, null, null, null, "THROTTLED", origin);
			return Request.THROTTLED;
		}
		Optional<UserAccount> account = address.isEmpty() ? Optional.empty()
				: this.accounts.findByEmail(address).filter(UserAccount::enabled);
		if (account.isEmpty()) {
			this.auditLog.record(AuditEventType.PASSWORD_RESET_REQUESTED, null, null, null, "UNKNOWN_ADDRESS", origin);
			return Request.ACCEPTED;
		}
		String token = OpaqueTokens.generate();
		Instant now = this.clock.instant();
		this.transaction.executeWithoutResult((status) -> {
			this.resets.insert(TokenHash.of(token), account.get().id(), now, now.plus(this.properties.linkTtl()));
			this.auditLog.record(AuditEventType.PASSWORD_RESET_REQUESTED, account.get().id(), null, null, null, origin);
		});
		this.mailer.send(new OutgoingMail(account.get().email(), "Reset your Baton password",
				"Someone, hopefully you, asked to reset the password of the Baton account " + account.get().username()
						+ ".\n\nTo choose a new password, open this link within "
						+ this.properties.linkTtl().toMinutes() + " minutes:\n\n" + this.issuer + PATH + "?token="
						+ token + "\n\nSetting it signs you out everywhere. If it was not you, ignore this mail: your "
						+ "password stays as it is.\n"));
		return Request.ACCEPTED;
	}

	/** Whether the link can still be used (the form behind it), without using it. */
	public boolean isUsable(String token) {
		return token != null && !token.isEmpty()
				&& this.resets.find(TokenHash.of(token), this.clock.instant()).isPresent();
	}

	/** Sets the new password through the link. Must not run inside a transaction. */
	public PasswordResetOutcome reset(String token, String newPassword, RequestOrigin origin) {
		if (token == null || token.isEmpty()) {
			return new PasswordResetOutcome.InvalidLink();
		}
		TokenHash hash = TokenHash.of(token);
		Optional<UserAccount> account = this.resets.find(hash, this.clock.instant())
			.flatMap(this.accounts::findById)
			.filter(UserAccount::enabled);
		if (account.isEmpty()) {
			return new PasswordResetOutcome.InvalidLink();
		}
		Optional<String> refused = this.passwordPolicy.check(newPassword, account.get().username());
		if (refused.isPresent()) {
			return new PasswordResetOutcome.Rejected(Map.of("newPassword", refused.get()));
		}
		String passwordHash = this.passwordEncoder.encode(newPassword);
		PasswordResetOutcome outcome = this.transaction.execute((status) -> {
			Optional<String> used = this.resets.consume(hash, this.clock.instant());
			if (used.isEmpty() || !used.get().equals(account.get().id())) {
				return new PasswordResetOutcome.InvalidLink();
			}
			UserAccount user = account.get();
			this.accounts.updatePasswordHashById(user.id(), passwordHash);
			this.resets.deleteAllOf(user.id());
			if (user.email() != null) {
				this.accounts.markEmailVerified(user.id(), user.email());
			}
			int endedFamilies = this.families.revokeAllOf(user.id(), null, RevocationReason.PASSWORD_RESET, origin);
			int endedSignIns = this.signIns.endAllExcept(user.username(), null);
			this.throttle.unlockUsername(user.username());
			this.auditLog.record(AuditEventType.PASSWORD_RESET, user.id(), null, null,
					endedFamilies + " sessions, " + endedSignIns + " browser sign-ins", origin);
			return new PasswordResetOutcome.Reset(user.username(), endedFamilies, endedSignIns);
		});
		if (outcome instanceof PasswordResetOutcome.Reset reset) {
			logger.info("Password of user {} reset through a mailed link: {} sessions and {} browser sign-ins ended",
					account.get().id(), reset.endedFamilies(), reset.endedSignIns());
			this.mailer.send(new OutgoingMail(account.get().email(), "Your Baton password was changed",
					"The password of the Baton account " + account.get().username() + " was just set through a "
							+ "reset link, and every session was signed out.\n\nIf it was not you, reset it again "
							+ "from the sign-in page and tell your administrator.\n"));
		}
		return outcome;
	}

}
