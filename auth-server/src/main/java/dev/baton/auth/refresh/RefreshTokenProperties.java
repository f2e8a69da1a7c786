package dev.baton.auth.refresh;

import java.time.Duration;

import dev.baton.auth.client.TokenDefaults;
import dev.baton.auth.token.TokenProperties;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Server-wide refresh-token defaults ({@code baton.refresh.*}); each client may override
 * them.
 *
 * @param idleTtl lifetime of one refresh token: a family unused for this long expires
 * @param absoluteTtl lifetime of a family from its creation; rotation never extends it
 * @param graceWindow how long after a rotation a retry with the consumed token gets the
 * same successor back; zero means strict rotation
 * @param recoveryDelay how long after a rotation a replay of the consumed token is still
 * treated as reuse even though the successor's delivery was never confirmed: concurrent
 * replays of one token arrive within milliseconds of the winner, while a client retrying
 * a failed request waits for its timeout or error first (DESIGN rule 7,
 * {@link UnconfirmedRotationRecovery})
 * @param recoveryWindow how long after a rotation whose response was never confirmed as
 * written the client's retry with the consumed token gets the same successor back; it
 * covers a database outage or a node restart. Zero turns recovery off (strict clients
 * then lose the session on any lost response, as grace-less rotation always did)
 */
@ConfigurationProperties("baton.refresh")
public record RefreshTokenProperties(@DefaultValue("P14D") Duration idleTtl, @DefaultValue("P90D") Duration absoluteTtl,
		@DefaultValue("PT0S") Duration graceWindow, @DefaultValue("PT2S") Duration recoveryDelay,
		@DefaultValue("PT5M") Duration recoveryWindow) {

	public RefreshTokenProperties {
		if (recoveryDelay.isNegative() || recoveryWindow.isNegative()) {
			throw new IllegalArgumentException("baton.refresh.recovery-delay and -window must not be negative");
		}
		if (!recoveryWindow.isZero() && recoveryWindow.compareTo(recoveryDelay) <= 0) {
			throw new IllegalArgumentException("baton.refresh.recovery-window must be longer than recovery-delay");
		}
	}

	/** Whether unconfirmed rotations are recovered at all (rule 7). */
	boolean isRecoveryEnabled() {
		return !this.recoveryWindow.isZero();
	}

	/**
	 * What every registered client starts from: these settings and the server's token
	 * lifetimes.
	 */
	public TokenDefaults clientDefaults(TokenProperties tokens) {
		return new TokenDefaults(tokens.accessTokenTtl(), tokens.authorizationCodeTtl(), tokens.idTokenTtl(),
				this.idleTtl, this.absoluteTtl, this.graceWindow);
	}

}
