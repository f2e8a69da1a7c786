package dev.baton.auth.refresh;

import java.time.Duration;

import dev.baton.auth.client.TokenDefaults;
import dev.baton.auth.token.TokenProperties;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Server-wide refresh-token defaults ({@code baton.refresh.*}); each client may override them.
 * @param idleTtl lifetime of one refresh token: a family unused for this long expires
 * @param absoluteTtl lifetime of a family from its creation; rotation never extends it
 * @param graceWindow how long after a rotation a retry with the consumed token gets the same successor back;
 * zero means strict rotation
 */
@ConfigurationProperties("baton.refresh")
public record RefreshTokenProperties(@DefaultValue("P14D") Duration idleTtl, @DefaultValue("P90D") Duration absoluteTtl,
		@DefaultValue("PT0S") Duration graceWindow) {

	/** What every registered client starts from: these settings and the server's token lifetimes. */
	public TokenDefaults clientDefaults(TokenProperties tokens) {
		return new TokenDefaults(tokens.accessTokenTtl(), tokens.authorizationCodeTtl(), tokens.idTokenTtl(),
				this.idleTtl, this.absoluteTtl, this.graceWindow);
	}

	public RefreshPolicy defaultPolicy() {
		return new RefreshPolicy(this.idleTtl, this.absoluteTtl, this.graceWindow);
	}

}
