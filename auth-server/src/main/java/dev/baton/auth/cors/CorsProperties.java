package dev.baton.auth.cors;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Baton's CORS answers for browser clients ({@code baton.cors.*}). Which origins are
 * allowed is client metadata ({@code allowed_cors_origins}), not a setting.
 *
 * @param preflightMaxAge how long a browser may keep a positive preflight answer
 * ({@code Access-Control-Max-Age}); browsers cap it (Chromium at 2 hours). Removing an
 * origin still takes effect at once at the token and revocation endpoints, whose actual
 * responses are decided on each request.
 */
@ConfigurationProperties("baton.cors")
public record CorsProperties(@DefaultValue("PT1H") Duration preflightMaxAge) {

	public CorsProperties {
		if (preflightMaxAge.isNegative()) {
			throw new IllegalArgumentException("baton.cors.preflight-max-age must not be negative");
		}
	}

}
