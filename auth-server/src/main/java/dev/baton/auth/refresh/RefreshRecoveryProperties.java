package dev.baton.auth.refresh;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Unconfirmed rotation recovery ({@code baton.refresh.recovery-*}, DESIGN rule 7, {@link UnconfirmedRotationRecovery}).
 * @param recoveryDelay how long after a rotation a replay of the consumed token is still treated as reuse even
 * though the successor's delivery was never confirmed: concurrent replays of one token arrive within milliseconds
 * of the winner, while a client retrying a failed request waits for its timeout or error first
 * @param recoveryWindow how long after a rotation whose response was never confirmed as written the client's retry
 * with the consumed token gets the same successor back; it covers a database outage or a node restart. Zero turns
 * recovery off (strict clients then lose the session on any lost response, as grace-less rotation always did)
 */
@ConfigurationProperties("baton.refresh")
public record RefreshRecoveryProperties(@DefaultValue("PT2S") Duration recoveryDelay,
		@DefaultValue("PT5M") Duration recoveryWindow) {

	public RefreshRecoveryProperties {
		if (recoveryDelay.isNegative() || recoveryWindow.isNegative()) {
			throw new IllegalArgumentException("baton.refresh.recovery-delay and -window must not be negative");
		}
		if (!recoveryWindow.isZero() && recoveryWindow.compareTo(recoveryDelay) <= 0) {
			throw new IllegalArgumentException("baton.refresh.recovery-window must be longer than recovery-delay");
		}
	}

	boolean isEnabled() {
		return !this.recoveryWindow.isZero();
	}

}
