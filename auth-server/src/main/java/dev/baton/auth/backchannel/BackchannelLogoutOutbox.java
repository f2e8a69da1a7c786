package dev.baton.auth.backchannel;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import dev.baton.auth.client.Client;
import dev.baton.auth.client.ClientRepository;
import dev.baton.auth.refresh.FamilyRevocationListener;
import dev.baton.auth.refresh.RevocationReason;
import dev.baton.auth.refresh.TokenFamily;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes a pending back-channel logout for every revoked token family whose client has a
 * {@code backchannel_logout_uri}, in the revoking transaction (a transactional outbox):
 * the logout commits with the revocation or not at all, so neither a node that dies after
 * the commit nor a client that is down loses it. Once the transaction commits,
 * {@link BackchannelLogoutDelivery} is nudged so the client hears within moments. OpenID
 * Connect Back-Channel Logout 1.0 §2.7: the OP sends a logout token to each RP of the
 * ended session.
 */
@Component
final class BackchannelLogoutOutbox implements FamilyRevocationListener {

	private final ClientRepository clients;

	private final BackchannelLogoutRepository outbox;

	private final BackchannelLogoutDelivery delivery;

	private final Clock clock;

	BackchannelLogoutOutbox(ClientRepository clients, BackchannelLogoutRepository outbox,
			BackchannelLogoutDelivery delivery, Clock clock) {
		this.clients = clients;
		this.outbox = outbox;
		this.delivery = delivery;
		this.clock = clock;
	}

	@Override
	public void revoked(TokenFamily family, RevocationReason reason) {
		Optional<String> uri = this.clients.findByClientId(family.clientId()).map(Client::backchannelLogoutUri);
		if (uri.isEmpty()) {
			return;
		}
		Instant now = this.clock.instant();
		this.outbox.insert(new PendingLogout(UUID.randomUUID().toString(), family.clientId(), family.id(),
				family.subject(), uri.get(), now, 0, now));
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					BackchannelLogoutOutbox.this.delivery.nudge();
				}
			});
		}
		else {
			this.delivery.nudge();
		}
	}

}
