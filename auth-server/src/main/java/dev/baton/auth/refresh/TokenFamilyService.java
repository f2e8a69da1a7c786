package dev.baton.auth.refresh;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.baton.auth.audit.AuditEventType;
import dev.baton.auth.audit.AuditLog;
import dev.baton.auth.client.ClientFamilies;
import dev.baton.auth.crypto.TokenHash;
import dev.baton.auth.support.RequestOrigin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Starts token families and ends them, recording both in the audit log. */
@Service
public class TokenFamilyService implements ClientFamilies {

	private static final Logger logger = LoggerFactory.getLogger(TokenFamilyService.class);

	private final TokenFamilyRepository families;

	private final RefreshTokenRepository tokens;

	private final AuditLog auditLog;

	private final Clock clock;

	private final FamilyRevocationListener listener;

	/** Without a revocation listener (tests). */
	public TokenFamilyService(TokenFamilyRepository families, RefreshTokenRepository tokens, AuditLog auditLog,
			Clock clock) {
		this(families, tokens, auditLog, clock, FamilyRevocationListener.NONE);
	}

	/**
	 * @param listener told of each family revoked, in the revoking transaction (the
	 * back-channel logout outbox)
	 */
	@Autowired
	public TokenFamilyService(TokenFamilyRepository families, RefreshTokenRepository tokens, AuditLog auditLog,
			Clock clock, FamilyRevocationListener listener) {
		this.families = families;
		this.tokens = tokens;
		this.auditLog = auditLog;
		this.clock = clock;
		this.listener = listener;
	}

	/**
	 * Creates a family with its first refresh token (generation 0).
	 * @param firstToken the value handed to the client; only its hash is stored
	 */
	@Transactional
	public TokenFamily start(NewFamily request, String firstToken, RequestOrigin origin) {
		Instant now = this.clock.instant();
		RefreshPolicy policy = request.policy();
		TokenFamily family = new TokenFamily(request.familyId(), request.clientId(), request.subject(),
				request.scopes(), request.resources(), request.authTime(), now, policy.familyExpiry(now), null, null);
		this.families.insert(family);
		this.tokens.insert(new RefreshToken(TokenHash.of(firstToken), family.id(), 0, now, policy.firstTokenExpiry(now),
				null, null), origin);
		this.auditLog.record(AuditEventType.TOKEN_FAMILY_CREATED, family.subject(), family.clientId(), family.id(),
				null, origin);
		return family;
	}

	/**
	 * Whether a family still stands: it exists, is not revoked, has not reached its
	 * absolute expiry, and its user is enabled and not deleted (read from the database on
	 * every call, so a change made there or by another node holds at once). Access tokens
	 * carry their family id as {@code sid}, so introspection (RFC 7662 §2.2) and userinfo
	 * can tell when they belong to an ended session or a disabled user.
	 */
	@Transactional(readOnly = true)
	public boolean isActive(String familyId) {
		return activeUsername(familyId).isPresent();
	}

	/**
	 * The username of the family's user while the family is active ({@link #isActive}),
	 * in the same read.
	 */
	@Transactional(readOnly = true)
	public Optional<String> activeUsername(String familyId) {
		return (familyId != null) ? this.families.findLiveUsername(familyId, this.clock.instant()) : Optional.empty();
	}

	/**
	 * Revokes a family: every refresh token of it fails from now on and introspection
	 * reports its access tokens inactive (DESIGN rule 6). Every revoke method of this
	 * class tells the {@link FamilyRevocationListener} of each family it revoked, in the
	 * same transaction: every way a session ends goes through here, so every way ends in
	 * a back-channel logout (OpenID Connect Back-Channel Logout 1.0 §2.7).
	 * @return whether this call revoked it (false when it was revoked already or does not
	 * exist)
	 */
	@Transactional
	public boolean revoke(TokenFamily family, RevocationReason reason, RequestOrigin origin) {
		if (!this.families.revoke(family.id(), this.clock.instant(), reason)) {
			return false;
		}
		logger.info("Revoked token family {} of client {}: {}", family.id(), family.clientId(), reason);
		this.listener.revoked(family, reason);
		this.auditLog.record(AuditEventType.TOKEN_FAMILY_REVOKED, family.subject(), family.clientId(), family.id(),
				reason.name(), origin);
		return true;
	}

	/**
	 * Revokes every live family of a user, except the one to keep (the current session on
	 * password change).
	 * @return how many families this call revoked
	 */
	@Transactional
	public int revokeAllOf(String subject, String keepFamilyId, RevocationReason reason, RequestOrigin origin) {
		List<String> revoked = this.families.revokeAllOfSubject(subject, keepFamilyId, this.clock.instant(), reason);
		for (String familyId : revoked) {
			this.auditLog.record(AuditEventType.TOKEN_FAMILY_REVOKED, subject, null, familyId, reason.name(), origin);
			tellListener(familyId, reason);
		}
		if (!revoked.isEmpty()) {
			logger.info("Revoked {} token families of a user: {}", revoked.size(), reason);
		}
		return revoked.size();
	}

	/**
	 * Revokes every live family of a client, of every user: what deleting the client
	 * ends. Each is audited.
	 * @return how many families this call revoked
	 */
	@Transactional
	@Override
	public int revokeAllOfDeletedClient(String clientId, RequestOrigin origin) {
		return revokeEveryFamilyOfClient(clientId, RevocationReason.CLIENT_DELETED, origin);
	}

	public int revokeEveryFamilyOfClient(String clientId, RevocationReason reason, RequestOrigin origin) {
		List<TokenFamily> revoked = this.families.revokeAllOfClient(clientId, this.clock.instant(), reason);
		for (TokenFamily family : revoked) {
			this.auditLog.record(AuditEventType.TOKEN_FAMILY_REVOKED, family.subject(), clientId, family.id(),
					reason.name(), origin);
			this.listener.revoked(family, reason);
		}
		if (!revoked.isEmpty()) {
			logger.info("Revoked {} token families of client {}: {}", revoked.size(), clientId, reason);
		}
		return revoked.size();
	}

	private void tellListener(String familyId, RevocationReason reason) {
		this.families.findById(familyId).ifPresent((family) -> this.listener.revoked(family, reason));
	}

	/**
	 * What a new family is made of.
	 *
	 * @param familyId the id chosen at authorization time (it is in the access token's
	 * {@code sid})
	 */
	public record NewFamily(String familyId, String clientId, String subject, Set<String> scopes, Set<String> resources,
			Instant authTime, RefreshPolicy policy) {
	}

}
