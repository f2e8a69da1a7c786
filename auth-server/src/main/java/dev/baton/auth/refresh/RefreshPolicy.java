package dev.baton.auth.refresh;

import java.time.Duration;
import java.time.Instant;

import dev.baton.auth.client.ClientPolicy;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * The refresh-token lifetimes that apply to one client (DESIGN rules 3 and 4).
 *
 * @param idleTtl lifetime of each refresh token
 * @param absoluteTtl lifetime of a family
 * @param graceWindow lost-response retry window, zero for strict rotation
 */
public record RefreshPolicy(Duration idleTtl, Duration absoluteTtl, Duration graceWindow) {

	/**
	 * The policy of one registered client, read from its token settings (the server
	 * defaults applied there).
	 */
	public static RefreshPolicy of(RegisteredClient client) {
		return new RefreshPolicy(client.getTokenSettings().getRefreshTokenTimeToLive(),
				ClientPolicy.refreshAbsoluteTtl(client), ClientPolicy.refreshGraceWindow(client));
	}

	public boolean hasGraceWindow() {
		return !this.graceWindow.isZero() && !this.graceWindow.isNegative();
	}

	/** The absolute expiry of a family started now (rule 4). */
	public Instant familyExpiry(Instant now) {
		return now.plus(this.absoluteTtl);
	}

	/** The expiry of a family's first token, issued now. */
	public Instant firstTokenExpiry(Instant now) {
		return tokenExpiry(now, familyExpiry(now));
	}

	/**
	 * The expiry of a token issued now: its idle lifetime, but never beyond its family's
	 * absolute expiry.
	 */
	public Instant tokenExpiry(Instant now, Instant familyExpiresAt) {
		Instant idleExpiry = now.plus(this.idleTtl);
		return idleExpiry.isBefore(familyExpiresAt) ? idleExpiry : familyExpiresAt;
	}

}
