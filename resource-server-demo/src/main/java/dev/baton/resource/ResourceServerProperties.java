package dev.baton.resource;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How this API trusts Baton ({@code baton.resource.*}).
 *
 * @param issuer Baton's issuer identifier: every token's {@code iss} must equal it
 * @param audience this API's own identifier: every token's {@code aud} must contain it.
 * Baton puts a client's configured audiences there (the demo clients:
 * {@code http://localhost:8080}), narrowed by an RFC 8707 {@code resource} parameter
 * @param jwkSetUri where Baton publishes its keys; {@code null} for
 * {@code <issuer>/oauth2/jwks}
 * @param clockSkew tolerance for {@code exp}, {@code nbf} and {@code iat} between this
 * host's clock and Baton's
 * @param jwks caching of the key set
 */
@ConfigurationProperties("baton.resource")
public record ResourceServerProperties(@DefaultValue("http://localhost:9000") String issuer,
		@DefaultValue("http://localhost:8080") String audience, String jwkSetUri,
		@DefaultValue("PT30S") Duration clockSkew, @DefaultValue Jwks jwks) {

	public String resolvedJwkSetUri() {
		if (this.jwkSetUri != null && !this.jwkSetUri.isBlank()) {
			return this.jwkSetUri;
		}
		return (this.issuer.endsWith("/") ? this.issuer.substring(0, this.issuer.length() - 1) : this.issuer)
				+ "/oauth2/jwks";
	}

	/**
	 * @param cacheTtl how long a fetched key set is used; Baton publishes a new key at
	 * least this long (plus its own cache) before signing with it, so a new key is
	 * normally known before the first token it signs arrives
	 * @param refreshAhead how long before expiry a background refresh starts, so requests
	 * never wait for it
	 * @param unknownKeyRefetchInterval the minimum time between two fetches caused by a
	 * token whose {@code kid} is not in the cached set: a flood of made-up key ids costs
	 * at most one fetch per interval
	 * @param timeout connect and read timeout of a fetch
	 */
	public record Jwks(@DefaultValue("PT5M") Duration cacheTtl, @DefaultValue("PT30S") Duration refreshAhead,
			@DefaultValue("PT10S") Duration unknownKeyRefetchInterval, @DefaultValue("PT2S") Duration timeout) {
	}

}
