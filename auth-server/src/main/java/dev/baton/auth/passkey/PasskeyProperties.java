package dev.baton.auth.passkey;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Passkeys ({@code baton.passkeys.*}): the WebAuthn relying party. A passkey is bound to
 * the relying party id, a domain, and is only accepted from the listed origins, so both
 * default to Baton's issuer ({@code baton.issuer}).
 *
 * @param rpId the relying party id: the issuer's host name unless set (a registrable
 * suffix of it, such as {@code example.com} for {@code https://login.example.com}, makes
 * passkeys work on sibling hosts too)
 * @param rpName the name authenticators show next to a passkey
 * @param allowedOrigins the origins (scheme, host, port) whose pages may use passkeys:
 * the issuer's origin unless set
 */
@ConfigurationProperties("baton.passkeys")
public record PasskeyProperties(String rpId, @DefaultValue("Baton") String rpName, List<String> allowedOrigins) {

	/** The relying party id for an issuer. */
	String rpIdFor(String issuer) {
		return (this.rpId != null && !this.rpId.isBlank()) ? this.rpId.trim() : URI.create(issuer).getHost();
	}

	/** The allowed origins for an issuer. */
	Set<String> allowedOriginsFor(String issuer) {
		if (this.allowedOrigins != null && !this.allowedOrigins.isEmpty()) {
			return new LinkedHashSet<>(this.allowedOrigins);
		}
		URI uri = URI.create(issuer);
		return Set.of(uri.getScheme() + "://" + uri.getRawAuthority());
	}

}
