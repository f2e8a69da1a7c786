package dev.baton.auth.account;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.baton.auth.audit.AuditEventType;
import dev.baton.auth.audit.AuditLog;
import dev.baton.auth.signin.SignInThrottle;
import dev.baton.auth.signin.ThrottleKey;
import dev.baton.auth.support.RequestOrigin;
import dev.baton.auth.user.PasswordPolicy;
import dev.baton.auth.user.UserAccount;
import dev.baton.auth.user.UserAccountRepository;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates accounts. Account enumeration (OWASP ASVS V2.1, WSTG-IDNT-04) is limited as far
 * as registration without e-mail verification allows:
 * <ul>
 * <li>A taken <b>username</b> must be reported (the person has to pick another one);
 * usernames are public identifiers anyway (shown to apps as {@code preferred_username}).
 * Each such answer counts against the caller's IP, and an IP that probes too many is
 * refused for a while, so usernames cannot be harvested in bulk.
 * <li>A taken <b>e-mail address</b> is never revealed: the account is created all the
 * same, without the address (one already claimed is not attached to a second account,
 * which also keeps anyone from borrowing another person's address for the {@code email}
 * claim), and the address's owner gets a notice instead of a link. The answer is
 * identical.
 * <li>A free address is stored unverified and a verification link is mailed to it
 * ({@link EmailVerificationService}), after the account's transaction committed.
 * <li>Every path that gets past validation hashes the password first, so "taken" and
 * "created" cost the same time.
 * </ul>
 */
@Service
public class RegistrationService {

	static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,31}");

	static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");

	static final int MAX_EMAIL_LENGTH = 254;

	static final int MAX_DISPLAY_NAME_LENGTH = 100;

	static final String USERNAME_TAKEN = "is not available; choose another one";

	private final UserAccountRepository accounts;

	private final PasswordEncoder passwordEncoder;

	private final PasswordPolicy passwordPolicy;

	private final SignInThrottle throttle;

	private final AuditLog auditLog;

	private final TransactionTemplate transaction;

	private final EmailVerificationService verifications;

	private final Clock clock;

	RegistrationService(UserAccountRepository accounts, PasswordEncoder passwordEncoder, PasswordPolicy passwordPolicy,
			SignInThrottle throttle, AuditLog auditLog, TransactionTemplate transaction,
			EmailVerificationService verifications, Clock clock) {
		this.verifications = verifications;
		this.accounts = accounts;
		this.passwordEncoder = passwordEncoder;
		this.passwordPolicy = passwordPolicy;
		this.throttle = throttle;
		this.auditLog = auditLog;
		this.transaction = transaction;
		this.clock = clock;
	}

	/**
	 * Registers, or says what is wrong with every field at once (one round trip shows all
	 * the problems, a taken username included). Each IP may create
	 * {@code baton.sign-in.registrations-per-ip} accounts before registration from it is
	 * paused (growing like a sign-in lock), and probe a limited number of taken
	 * usernames.
	 */
	public RegistrationOutcome register(Registration registration, RequestOrigin origin) {
		return register(registration, origin, Map.of());
	}

	/**
	 * As {@link #register(Registration, RequestOrigin)}, with problems the caller found
	 * itself (the page's repeated password): then nothing is created, but every field is
	 * still checked.
	 */
	public RegistrationOutcome register(Registration registration, RequestOrigin origin,
			Map<String, String> callerErrors) {
		ThrottleKey probes = ThrottleKey.registrationIp(String.valueOf(origin.ip()));
		ThrottleKey creations = ThrottleKey.registrationsFromIp(String.valueOf(origin.ip()));
		if (this.throttle.lockedUntil(probes).isPresent() || this.throttle.lockedUntil(creations).isPresent()) {
			return new RegistrationOutcome.Throttled();
		}
		Map<String, String> errors = validate(registration);
		errors.putAll(callerErrors);
		if (!errors.isEmpty()) {
			if (!errors.containsKey("username")
					&& this.accounts.findByUsername(registration.username().trim().toLowerCase(Locale.ROOT))
						.isPresent()) {
				this.throttle.recordFailure(probes);
				errors.put("username", USERNAME_TAKEN);
			}
			return new RegistrationOutcome.Rejected(errors);
		}
		String username = registration.username().trim().toLowerCase(Locale.ROOT);
		String passwordHash = this.passwordEncoder.encode(registration.password());
		String displayName = (registration.displayName() == null || registration.displayName().isBlank()) ? username
				: registration.displayName().trim();
		String email = registration.email().trim();
		Created created = this.transaction
			.execute((status) -> create(username, email, displayName, passwordHash, origin));
		if (created == null) {
			this.throttle.recordFailure(probes);
			return new RegistrationOutcome.Rejected(Map.of("username", USERNAME_TAKEN));
		}
		this.throttle.recordFailure(creations);
		if (created.emailAttached()) {
			this.verifications.sendLink(created.id(), email);
		}
		else {
			this.verifications.sendTakenNotice(email);
		}
		return new RegistrationOutcome.Registered(username);
	}

	/**
	 * The account made, and whether the address was free and is now its (unverified)
	 * address.
	 */
	private record Created(String id, boolean emailAttached) {
	}

	private Created create(String username, String email, String displayName, String passwordHash,
			RequestOrigin origin) {
		if (this.accounts.findByUsername(username).isPresent()) {
			return null;
		}
		String storedEmail = this.accounts.existsByEmail(email) ? null : email;
		String id = UUID.randomUUID().toString();
		try {
			this.accounts.insert(
					new UserAccount(id, username, storedEmail, displayName, passwordHash, true, this.clock.instant()));
		}
		catch (DuplicateKeyException ex) {
			// Registered by a concurrent request a moment ago (username), or the address
			// was claimed meanwhile.
			return null;
		}
		this.auditLog.record(AuditEventType.USER_REGISTERED, id, null, null,
				(storedEmail != null) ? null : "EMAIL_NOT_ATTACHED", origin);
		return new Created(id, storedEmail != null);
	}

	Map<String, String> validate(Registration registration) {
		Map<String, String> errors = new LinkedHashMap<>();
		String username = (registration.username() != null) ? registration.username().trim().toLowerCase(Locale.ROOT)
				: "";
		if (!USERNAME.matcher(username).matches()) {
			errors.put("username", "must be 3 to 32 characters: letters, digits, '.', '_' or '-', "
					+ "starting with a letter or digit");
		}
		String email = (registration.email() != null) ? registration.email().trim() : "";
		if (email.length() > MAX_EMAIL_LENGTH || !EMAIL.matcher(email).matches()) {
			errors.put("email", "must be an e-mail address such as name@example.com");
		}
		if (registration.displayName() != null
				&& registration.displayName().trim().length() > MAX_DISPLAY_NAME_LENGTH) {
			errors.put("displayName", "must be at most " + MAX_DISPLAY_NAME_LENGTH + " characters long");
		}
		this.passwordPolicy.check(registration.password(), username)
			.ifPresent((error) -> errors.put("password", error));
		return errors;
	}

}
