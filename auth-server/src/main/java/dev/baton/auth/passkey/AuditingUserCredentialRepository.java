package dev.baton.auth.passkey;

import java.util.List;

import dev.baton.auth.audit.AuditEventType;
import dev.baton.auth.audit.AuditLog;
import dev.baton.auth.support.RequestOrigins;
import dev.baton.auth.user.SignedInAccounts;

import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;

/**
 * The framework's credential store, with a {@code PASSKEY_REGISTERED} audit event when a
 * new passkey is saved (the framework also saves a known one after each sign-in, to
 * update its counter and last use).
 */
final class AuditingUserCredentialRepository implements UserCredentialRepository {

	private final UserCredentialRepository delegate;

	private final PublicKeyCredentialUserEntityRepository users;

	private final AuditLog auditLog;

	private final SignedInAccounts accounts;

	AuditingUserCredentialRepository(UserCredentialRepository delegate, PublicKeyCredentialUserEntityRepository users,
			AuditLog auditLog, SignedInAccounts accounts) {
		this.delegate = delegate;
		this.users = users;
		this.auditLog = auditLog;
		this.accounts = accounts;
	}

	@Override
	public void delete(Bytes credentialId) {
		this.delegate.delete(credentialId);
	}

	@Override
	public void save(CredentialRecord credentialRecord) {
		boolean known = this.delegate.findByCredentialId(credentialRecord.getCredentialId()) != null;
		this.delegate.save(credentialRecord);
		if (!known) {
			PublicKeyCredentialUserEntity user = this.users.findById(credentialRecord.getUserEntityUserId());
			String subject = (user != null) ? this.accounts.subjectOf(user.getName()).orElse(null) : null;
			this.auditLog.record(AuditEventType.PASSKEY_REGISTERED, subject, null, null, credentialRecord.getLabel(),
					RequestOrigins.current());
		}
	}

	@Override
	public CredentialRecord findByCredentialId(Bytes credentialId) {
		return this.delegate.findByCredentialId(credentialId);
	}

	@Override
	public List<CredentialRecord> findByUserId(Bytes userId) {
		return this.delegate.findByUserId(userId);
	}

}
