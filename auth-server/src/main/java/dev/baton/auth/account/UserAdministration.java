package dev.baton.auth.account;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import dev.baton.auth.audit.AuditEventRepository;
import dev.baton.auth.audit.AuditEventType;
import dev.baton.auth.audit.AuditLog;
import dev.baton.auth.consent.DatabaseAuthorizationConsentService;
import dev.baton.auth.refresh.RevocationReason;
import dev.baton.auth.refresh.TokenFamilyRepository;
import dev.baton.auth.refresh.TokenFamilyService;
import dev.baton.auth.session.SignInSessions;
import dev.baton.auth.signin.SignInThrottle;
import dev.baton.auth.support.RequestOrigin;
import dev.baton.auth.user.JdbcUserAccountRepository;
import dev.baton.auth.user.UserAccount;
import dev.baton.auth.user.UserAccountRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What an administrator does to accounts, each audited with the acting admin client.
 * Disabling and deleting end at once, in the same transaction as the change, every token
 * family of the user (through {@link TokenFamilyService}, reason recorded; DESIGN rule 6)
 * and every browser sign-in (Spring Session JDBC): nodes keep no copy of either, so no
 * node can go on serving them. The refresh grant also reads the account's {@code enabled}
 * flag with every token, so even a change made directly in the database holds at once.
 */
@Service
public class UserAdministration {

	/**
	 * The roles Baton knows; {@code admin} opens the admin console ({@code ROLE_ADMIN}).
	 */
	public static final Set<String> ROLES = Set.of("admin");

	private static final Logger logger = LoggerFactory.getLogger(UserAdministration.class);

	private final UserAccountRepository accounts;

	private final RegistrationService registrations;

	private final PasswordEncoder passwordEncoder;

	private final TokenFamilyService families;

	private final TokenFamilyRepository familyRepository;

	private final SignInSessions signIns;

	private final SignInThrottle throttle;

	private final DatabaseAuthorizationConsentService consents;

	private final AuditEventRepository auditEvents;

	private final AuditLog auditLog;

	private final Clock clock;

	private final PublicKeyCredentialUserEntityRepository passkeyUsers;

	UserAdministration(UserAccountRepository accounts, RegistrationService registrations,
			PasswordEncoder passwordEncoder, TokenFamilyService families, TokenFamilyRepository familyRepository,
			SignInSessions signIns, SignInThrottle throttle, DatabaseAuthorizationConsentService consents,
			AuditEventRepository auditEvents, AuditLog auditLog, Clock clock,
			PublicKeyCredentialUserEntityRepository passkeyUsers) {
		this.passkeyUsers = passkeyUsers;
		this.accounts = accounts;
		this.registrations = registrations;
		this.passwordEncoder = passwordEncoder;
		this.families = families;
		this.familyRepository = familyRepository;
		this.signIns = signIns;
		this.throttle = throttle;
		this.consents = consents;
		this.auditEvents = auditEvents;
		this.auditLog = auditLog;
		this.clock = clock;
	}

	/** How creating an account ended. */
	public sealed interface Creation {

		record Created(UserAccount account, Set<String> roles) implements Creation {
		}

		/** Nothing was created; {@code errors} maps each faulty field to a message. */
		record Rejected(Map<String, String> errors) implements Creation {
		}

		/** The username or the e-mail address belongs to another account. */
		record Taken(String field) implements Creation {
		}

	}

	/**
	 * Creates an enabled account with an initial password (the same rules as
	 * registration: NIST SP 800-63B §5.1.1.2). An account without a password cannot sign
	 * in, and Baton has no way yet to hand its owner a set-password link, so a missing
	 * password is refused rather than creating an account nobody can use.
	 */
	@Transactional
	public Creation create(String username, String email, String displayName, String password, Set<String> roles,
			String adminClientId, RequestOrigin origin) {
		Map<String, String> errors = new LinkedHashMap<>(
				this.registrations.validate(new Registration(username, email, displayName, password)));
		if (password == null || password.isEmpty()) {
			errors.put("password", "is required: Baton cannot send a set-password link, so give an initial password "
					+ "and hand it to the user over a safe channel");
		}
		unknownRoles(roles).ifPresent((error) -> errors.put("roles", error));
		if (!errors.isEmpty()) {
			return new Creation.Rejected(errors);
		}
		String normalized = JdbcUserAccountRepository.normalize(username);
		if (this.accounts.findByUsername(normalized).isPresent()) {
			return new Creation.Taken("username");
		}
		if (this.accounts.existsByEmail(email)) {
			return new Creation.Taken("email");
		}
		String name = (displayName == null || displayName.isBlank()) ? normalized : displayName.trim();
		UserAccount account = new UserAccount(UUID.randomUUID().toString(), normalized,
				JdbcUserAccountRepository.normalize(email), name, this.passwordEncoder.encode(password), true,
				this.clock.instant());
		try {
			this.accounts.insert(account);
		}
		catch (DuplicateKeyException ex) {
			return new Creation.Taken("username");
		}
		Set<String> granted = (roles != null) ? new TreeSet<>(roles) : new TreeSet<>();
		this.accounts.replaceRoles(account.id(), granted);
		this.auditLog.record(AuditEventType.USER_CREATED, account.id(), adminClientId, null,
				granted.isEmpty() ? null : "roles " + String.join(" ", granted), origin);
		logger.info("Admin client {} created user {}", adminClientId, account.id());
		return new Creation.Created(account, granted);
	}

	/**
	 * Disables or enables the account. Disabling revokes every token family (reason
	 * {@code USER_DISABLED}) and deletes every browser sign-in, even when the account was
	 * disabled already (so a retry finishes the job).
	 * @return the account as it is now, or empty when there is no such user
	 */
	@Transactional
	public Optional<UserAccount> setEnabled(String username, boolean enabled, String adminClientId,
			RequestOrigin origin) {
		Optional<UserAccount> found = this.accounts.findByUsername(username);
		if (found.isEmpty()) {
			return Optional.empty();
		}
		UserAccount account = found.get();
		boolean changed = this.accounts.updateEnabled(account.id(), enabled);
		if (!enabled) {
			int families = this.families.revokeAllOf(account.id(), null, RevocationReason.USER_DISABLED, origin);
			int signIns = this.signIns.endAllExcept(account.username(), null);
			logger.info("Admin client {} disabled user {}: {} sessions and {} browser sign-ins ended", adminClientId,
					account.id(), families, signIns);
		}
		if (changed) {
			this.auditLog.record(enabled ? AuditEventType.USER_ENABLED : AuditEventType.USER_DISABLED, account.id(),
					adminClientId, null, null, origin);
		}
		return this.accounts.findById(account.id());
	}

	/**
	 * Replaces the roles. Taking a role away also ends the user's browser sign-ins, which
	 * carry the roles they were granted at sign-in.
	 * @return empty when there is no such user
	 */
	@Transactional
	public Optional<Set<String>> setRoles(String username, Set<String> roles, String adminClientId,
			RequestOrigin origin) {
		Optional<UserAccount> found = this.accounts.findByUsername(username);
		if (found.isEmpty()) {
			return Optional.empty();
		}
		String id = found.get().id();
		Set<String> before = this.accounts.findRoles(id);
		Set<String> after = new TreeSet<>(roles);
		if (!before.equals(after)) {
			this.accounts.replaceRoles(id, after);
			if (!after.containsAll(before)) {
				this.signIns.endAllExcept(found.get().username(), null);
			}
			this.auditLog.record(AuditEventType.USER_ROLES_CHANGED, id, adminClientId, null,
					"roles " + (after.isEmpty() ? "(none)" : String.join(" ", after)), origin);
		}
		return Optional.of(after);
	}

	/** Lifts the sign-in throttle of the username; false when there is no such user. */
	@Transactional
	public boolean unlock(String username, String adminClientId, RequestOrigin origin) {
		Optional<UserAccount> found = this.accounts.findByUsername(username);
		if (found.isEmpty()) {
			return false;
		}
		this.throttle.unlockUsername(found.get().username());
		this.auditLog.record(AuditEventType.USER_UNLOCKED, found.get().id(), adminClientId, null, null, origin);
		return true;
	}

	/**
	 * Ends every session of the user: token families (reason {@code ADMIN_REVOKED}) and
	 * browser sign-ins.
	 * @return empty when there is no such user
	 */
	@Transactional
	public Optional<SignedOut> signOutEverywhere(String username, String adminClientId, RequestOrigin origin) {
		Optional<UserAccount> found = this.accounts.findByUsername(username);
		if (found.isEmpty()) {
			return Optional.empty();
		}
		int families = this.families.revokeAllOf(found.get().id(), null, RevocationReason.ADMIN_REVOKED, origin);
		int signIns = this.signIns.endAllExcept(found.get().username(), null);
		this.auditLog.record(AuditEventType.USER_SIGNED_OUT_EVERYWHERE, found.get().id(), adminClientId, null,
				families + " sessions, " + signIns + " browser sign-ins", origin);
		return Optional.of(new SignedOut(families, signIns));
	}

	/** How many sessions an admin action ended. */
	public record SignedOut(int families, int signIns) {
	}

	/**
	 * Deletes the account: every session ends (reason {@code USER_DELETED}), then its
	 * token families with their refresh tokens, its consents, its sign-in throttle
	 * counter, its passkeys and the account with its roles (and second factor) are
	 * deleted, and its audit events keep only the account id (GDPR Art. 17; the events
	 * stay as the security record). The username is free afterwards; nothing of the old
	 * account carries over to whoever takes it, since tokens and families name the
	 * account id.
	 * @return false when there is no such user
	 */
	@Transactional
	public boolean delete(String username, String adminClientId, RequestOrigin origin) {
		Optional<UserAccount> found = this.accounts.findByUsername(username);
		if (found.isEmpty()) {
			return false;
		}
		deleteAccount(found.get(), adminClientId, RevocationReason.USER_DELETED, origin);
		logger.info("Admin client {} deleted user {}", adminClientId, found.get().id());
		return true;
	}

	/**
	 * Deletes the account as {@link #delete} does; the user's own deletion (reason
	 * {@code ACCOUNT_DELETED}, no admin client) goes through here too. Its pending
	 * verification and reset links go with it (foreign keys {@code ON DELETE CASCADE}).
	 */
	@Transactional
	public void deleteAccount(UserAccount account, String adminClientId, RevocationReason reason,
			RequestOrigin origin) {
		this.families.revokeAllOf(account.id(), null, reason, origin);
		this.signIns.endAllExcept(account.username(), null);
		this.familyRepository.deleteAllOfSubject(account.id());
		this.consents.removeAllOf(account.username());
		this.throttle.unlockUsername(account.username());
		// Passkeys name the user by username: none may sign in whoever takes the freed
		// username.
		PublicKeyCredentialUserEntity passkeyUser = this.passkeyUsers.findByUsername(account.username());
		if (passkeyUser != null) {
			this.passkeyUsers.delete(passkeyUser.getId());
		}
		this.accounts.delete(account.id());
		this.auditEvents.anonymizeSubject(account.id(), account.username());
		this.auditLog.record(AuditEventType.USER_DELETED, account.id(), adminClientId, null,
				(adminClientId != null) ? null : "BY_USER", origin);
	}

	/** Why the roles are refused, if they are. */
	public static Optional<String> unknownRoles(Set<String> roles) {
		if (roles == null || ROLES.containsAll(roles)) {
			return Optional.empty();
		}
		return Optional.of("unknown role; known roles: " + String.join(", ", new TreeSet<>(ROLES)));
	}

}
