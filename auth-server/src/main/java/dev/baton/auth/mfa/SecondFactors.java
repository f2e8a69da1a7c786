package dev.baton.auth.mfa;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import dev.baton.auth.audit.AuditEventType;
import dev.baton.auth.audit.AuditLog;
import dev.baton.auth.crypto.TokenHash;
import dev.baton.auth.keys.SecretEncryption;
import dev.baton.auth.signin.SignInThrottle;
import dev.baton.auth.signin.ThrottleKey;
import dev.baton.auth.support.RequestOrigin;
import dev.baton.auth.user.UserAccount;
import dev.baton.auth.user.UserAccountRepository;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A user's second factor: a TOTP secret (RFC 6238) and ten single-use recovery codes.
 * <ul>
 * <li>The secret is stored encrypted under the key-encryption key, bound to the account
 * id; recovery codes only as SHA-256 hashes (docs/SECURITY.md: nothing usable at
 * rest).</li>
 * <li>Enrolment is confirmed by a first valid code, and that code's step counts as
 * used.</li>
 * <li>A code is accepted within one step of now and only for a step later than the last
 * accepted one, taken by a conditional UPDATE: a code cannot be used twice, not even in
 * two parallel requests.</li>
 * <li>Every check is counted first against the username's second-factor throttle key,
 * like a password guess ({@link SignInThrottle}); a right code clears it.</li>
 * </ul>
 */
@Service
public class SecondFactors {

	public static final int RECOVERY_CODES = 10;

	static final String TOTP_PURPOSE = "totp";

	static final String PENDING_PURPOSE = "totp-pending";

	private static final String RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcTotpCredentialRepository totps;

	private final JdbcRecoveryCodeRepository recoveryCodes;

	private final UserAccountRepository accounts;

	private final SecretEncryption encryption;

	private final SignInThrottle throttle;

	private final AuditLog auditLog;

	private final Clock clock;

	SecondFactors(JdbcTotpCredentialRepository totps, JdbcRecoveryCodeRepository recoveryCodes,
			UserAccountRepository accounts, SecretEncryption encryption, SignInThrottle throttle, AuditLog auditLog,
			Clock clock) {
		this.totps = totps;
		this.recoveryCodes = recoveryCodes;
		this.accounts = accounts;
		this.encryption = encryption;
		this.throttle = throttle;
		this.auditLog = auditLog;
		this.clock = clock;
	}

	/**
	 * Whether the user of this username has a second factor (read at each request:
	 * enrolment on any node counts).
	 */
	public boolean isEnrolled(String username) {
		return this.accounts.findByUsername(username).map((account) -> isEnrolled(account)).orElse(false);
	}

	public boolean isEnrolled(UserAccount account) {
		return this.totps.find(account.id()).isPresent();
	}

	public int unusedRecoveryCodes(UserAccount account) {
		return this.recoveryCodes.countUnused(account.id());
	}

	/**
	 * A fresh secret for an enrolment, in base32; stored nowhere until {@link #enrol}
	 * confirms it.
	 */
	public static String newSecret() {
		return Base32.encode(Totp.generateSecret());
	}

	/**
	 * The secret of an unconfirmed enrolment as the browser's session keeps it (the
	 * session lives in the database): encrypted under the key-encryption key, bound to
	 * the account.
	 */
	byte[] sealPending(UserAccount account, String base32Secret) {
		return this.encryption.encrypt(base32Secret.getBytes(StandardCharsets.US_ASCII), PENDING_PURPOSE, account.id());
	}

	/** The secret {@link #sealPending} sealed for this account, if it is one. */
	Optional<String> openPending(UserAccount account, byte[] sealed) {
		try {
			return Optional.of(new String(this.encryption.decrypt(sealed, PENDING_PURPOSE, account.id()),
					StandardCharsets.US_ASCII));
		}
		catch (IllegalStateException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Confirms an enrolment with a first valid code of the secret and stores the secret
	 * (encrypted) with ten new recovery codes.
	 * @return the recovery codes, shown once; empty when the code is wrong, the secret
	 * malformed, or the user has a second factor already
	 */
	@Transactional
	public Optional<List<String>> enrol(UserAccount account, String base32Secret, String code, RequestOrigin origin) {
		byte[] secret;
		try {
			secret = Base32.decode(base32Secret);
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		if (secret.length != Totp.SECRET_BYTES) {
			return Optional.empty();
		}
		Instant now = this.clock.instant();
		OptionalLong step = Totp.matchingStep(secret, normalize(code), now, null);
		if (step.isEmpty()) {
			return Optional.empty();
		}
		try {
			this.totps.insert(account.id(), this.encryption.encrypt(secret, TOTP_PURPOSE, account.id()),
					step.getAsLong(), now);
		}
		catch (DuplicateKeyException ex) {
			return Optional.empty();
		}
		List<String> codes = replaceRecoveryCodes(account, now);
		this.auditLog.record(AuditEventType.MFA_ENROLLED, account.id(), null, null, "TOTP", origin);
		return Optional.of(codes);
	}

	/** Removes the second factor and its recovery codes. */
	@Transactional
	public boolean remove(UserAccount account, RequestOrigin origin) {
		this.recoveryCodes.deleteAll(account.id());
		boolean removed = this.totps.delete(account.id());
		if (removed) {
			this.auditLog.record(AuditEventType.MFA_REMOVED, account.id(), null, null, null, origin);
		}
		return removed;
	}

	/**
	 * Checks a second factor: a 6-digit TOTP code, or else a recovery code. Counted
	 * against the throttle before anything is compared.
	 */
	public Verification verify(UserAccount account, String input, RequestOrigin origin) {
		ThrottleKey key = ThrottleKey.secondFactor(account.username());
		if (this.throttle.attempt(List.of(key)) instanceof SignInThrottle.Attempt.Locked locked) {
			this.auditLog.record(AuditEventType.MFA_FAILED, account.id(), null, null, "THROTTLED", origin);
			return new Verification.Locked(locked.until());
		}
		Optional<JdbcTotpCredentialRepository.StoredTotp> stored = this.totps.find(account.id());
		if (stored.isEmpty()) {
			return new Verification.Rejected();
		}
		String code = normalize(input);
		Instant now = this.clock.instant();
		Verification outcome;
		if (code.length() == Totp.DIGITS && code.chars().allMatch(Character::isDigit)) {
			byte[] secret = this.encryption.decrypt(stored.get().secretCiphertext(), TOTP_PURPOSE, account.id());
			OptionalLong step = Totp.matchingStep(secret, code, now, stored.get().lastUsedStep());
			outcome = (step.isPresent() && this.totps.useStep(account.id(), step.getAsLong()))
					? new Verification.Accepted("TOTP") : new Verification.Rejected();
		}
		else if (!code.isEmpty() && code.length() <= 40
				&& this.recoveryCodes.use(account.id(), TokenHash.of(code), now)) {
			int left = this.recoveryCodes.countUnused(account.id());
			this.auditLog.record(AuditEventType.MFA_RECOVERY_CODE_USED, account.id(), null, null, left + " left",
					origin);
			outcome = new Verification.Accepted("RECOVERY_CODE");
		}
		else {
			outcome = new Verification.Rejected();
		}
		if (outcome instanceof Verification.Accepted accepted) {
			this.throttle.reset(key);
			this.auditLog.record(AuditEventType.MFA_VERIFIED, account.id(), null, null, accepted.method(), origin);
		}
		else {
			this.auditLog.record(AuditEventType.MFA_FAILED, account.id(), null, null, "BAD_CODE", origin);
		}
		return outcome;
	}

	private List<String> replaceRecoveryCodes(UserAccount account, Instant now) {
		List<String> codes = new ArrayList<>();
		List<TokenHash> hashes = new ArrayList<>();
		for (int i = 0; i < RECOVERY_CODES; i++) {
			String code = recoveryCode();
			codes.add(code);
			hashes.add(TokenHash.of(normalize(code)));
		}
		this.recoveryCodes.replaceAll(account.id(), hashes, now);
		return codes;
	}

	/**
	 * Ten characters of an alphabet without look-alikes (about 49 bits), shown as
	 * {@code xxxxx-xxxxx}.
	 */
	private static String recoveryCode() {
		StringBuilder code = new StringBuilder();
		for (int i = 0; i < 10; i++) {
			if (i == 5) {
				code.append('-');
			}
			code.append(RECOVERY_ALPHABET.charAt(RANDOM.nextInt(RECOVERY_ALPHABET.length())));
		}
		return code.toString();
	}

	/** What a person may type around a code: spaces, dashes, capitals. */
	static String normalize(String input) {
		if (input == null) {
			return "";
		}
		StringBuilder out = new StringBuilder();
		for (char c : input.toCharArray()) {
			if (c != ' ' && c != '-' && c != '\t') {
				out.append(Character.toLowerCase(c));
			}
		}
		return out.toString();
	}

	/** The answer to a second factor. */
	public sealed interface Verification {

		/**
		 * @param method {@code TOTP} or {@code RECOVERY_CODE}
		 */
		record Accepted(String method) implements Verification {
		}

		record Rejected() implements Verification {
		}

		record Locked(Instant until) implements Verification {
		}

	}

}
