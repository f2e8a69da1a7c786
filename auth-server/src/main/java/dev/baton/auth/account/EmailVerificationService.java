package dev.baton.auth.account;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import dev.baton.auth.audit.AuditEventType;
import dev.baton.auth.audit.AuditLog;
import dev.baton.auth.crypto.OpaqueTokens;
import dev.baton.auth.crypto.TokenHash;
import dev.baton.auth.mail.Mailer;
import dev.baton.auth.mail.OutgoingMail;
import dev.baton.auth.support.BatonServerProperties;
import dev.baton.auth.support.RequestOrigin;
import dev.baton.auth.user.UserAccount;
import dev.baton.auth.user.UserAccountRepository;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Proves that a person controls an e-mail address (OpenID Connect Core §5.1
 * {@code email_verified}): a link with a 256-bit token goes to the address, and using it
 * within {@code baton.email-verification.link-ttl} marks the address verified. The link
 * is single-use and only its SHA-256 is stored. It is built on {@code baton.issuer},
 * never on the request's {@code Host} header, so nobody can make Baton mail a link to a
 * host of their choosing.
 * <p>
 * A link proves the address it was sent to: after registration that is the account's
 * address (stored unverified until then); for a change of address it is the new address,
 * which the account takes only when the link is used, so until then the {@code email}
 * claim keeps the old, verified address. Opening the link shows a confirmation page; only
 * its form's POST uses the link, so mail scanners that fetch links do not use it up.
 */
@Service
public class EmailVerificationService {

	static final String PATH = "/account/email/verify";

	private final UserAccountRepository accounts;

	private final JdbcEmailVerificationRepository verifications;

	private final EmailVerificationProperties properties;

	private final Mailer mailer;

	private final String issuer;

	private final AuditLog auditLog;

	private final TransactionTemplate transaction;

	private final Clock clock;

	EmailVerificationService(UserAccountRepository accounts, JdbcEmailVerificationRepository verifications,
			EmailVerificationProperties properties, Mailer mailer, BatonServerProperties server, AuditLog auditLog,
			TransactionTemplate transaction, Clock clock) {
		this.accounts = accounts;
		this.verifications = verifications;
		this.properties = properties;
		this.mailer = mailer;
		this.issuer = server.issuer();
		this.auditLog = auditLog;
		this.transaction = transaction;
		this.clock = clock;
	}

	/**
	 * Stores a new link for the address and mails it. Must not run inside a transaction:
	 * the mail goes out after the link's row is committed.
	 */
	public void sendLink(String userId, String email) {
		String token = OpaqueTokens.generate();
		Instant now = this.clock.instant();
		this.transaction.executeWithoutResult((status) -> this.verifications.insert(TokenHash.of(token), userId, email,
				now, now.plus(this.properties.linkTtl())));
		this.mailer.send(new OutgoingMail(email, "Confirm your e-mail address for Baton",
				"Someone, hopefully you, gave this address to a Baton account.\n\n"
						+ "To confirm it, open this link within " + hours() + ":\n\n" + this.issuer + PATH + "?token="
						+ token + "\n\nIf it was not you, ignore this mail: the address stays " + "unconfirmed.\n"));
	}

	/**
	 * Tells the owner of an address that someone tried to give it to another account (the
	 * address is taken).
	 */
	void sendTakenNotice(String email) {
		this.mailer.send(new OutgoingMail(email, "Your e-mail address and Baton",
				"Someone tried to give this address to a Baton account, but it already belongs to an account.\n\n"
						+ "If that was you, sign in with that account, or reset its password from the sign-in page.\n"
						+ "Otherwise, ignore this mail: nothing has changed.\n"));
	}

	/** Whether the link can still be used (the confirmation page), without using it. */
	public boolean isUsable(String token) {
		return token != null && !token.isEmpty()
				&& this.verifications.find(TokenHash.of(token), this.clock.instant()).isPresent();
	}

	/**
	 * Uses the link: the address it was sent to becomes the account's verified address.
	 * @return the account's username, or empty when the link is unknown, used, expired,
	 * or the address was taken by another account meanwhile
	 */
	public Optional<String> verify(String token, RequestOrigin origin) {
		if (token == null || token.isEmpty()) {
			return Optional.empty();
		}
		return this.transaction.execute((status) -> {
			Optional<JdbcEmailVerificationRepository.PendingVerification> used = this.verifications
				.consume(TokenHash.of(token), this.clock.instant());
			if (used.isEmpty()) {
				return Optional.<String>empty();
			}
			Optional<UserAccount> account = this.accounts.findById(used.get().userId());
			if (account.isEmpty()) {
				return Optional.<String>empty();
			}
			String email = used.get().email();
			boolean changed = !email.equals(account.get().email());
			if (changed) {
				Optional<UserAccount> owner = this.accounts.findByEmail(email);
				if (owner.isPresent()) {
					return Optional.<String>empty();
				}
				try {
					this.accounts.updateEmail(account.get().id(), email, true);
				}
				catch (DuplicateKeyException ex) {
					// claimed by another account a moment ago
					return Optional.<String>empty();
				}
			}
			else {
				this.accounts.markEmailVerified(account.get().id(), email);
			}
			this.auditLog.record(AuditEventType.EMAIL_VERIFIED, account.get().id(), null, null,
					changed ? "ADDRESS_CHANGED" : null, origin);
			return Optional.of(account.get().username());
		});
	}

	private String hours() {
		long hours = this.properties.linkTtl().toHours();
		return (hours >= 1) ? hours + " hours" : this.properties.linkTtl().toMinutes() + " minutes";
	}

}
