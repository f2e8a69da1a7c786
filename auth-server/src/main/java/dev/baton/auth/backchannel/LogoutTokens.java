package dev.baton.auth.backchannel;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.baton.auth.keys.SigningKeyJwtEncoder;
import dev.baton.auth.support.BatonServerProperties;
import dev.baton.auth.token.TokenClaims;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

/**
 * Mints logout tokens (OpenID Connect Back-Channel Logout 1.0 §2.4): a JWT typed
 * {@code logout+jwt} (§2.4, explicit typing per RFC 8725 §3.11), signed with the active
 * key of Baton's key set (the {@code kid} is in the JWKS), with {@code iss}, {@code aud}
 * (the client id), {@code iat}, {@code exp}, a fresh {@code jti}, the back-channel logout
 * {@code events} member, {@code sid} (the token family: the session id of the ID token
 * and access tokens) and {@code sub} (the account id), and never a {@code nonce} (§2.4:
 * it MUST NOT carry one, so it cannot be passed off as an ID token). A token is minted
 * per attempt and never stored.
 */
@Component
final class LogoutTokens {

	static final String TYPE = "logout+jwt";

	static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";

	private final SigningKeyJwtEncoder encoder;

	private final String issuer;

	private final BackchannelLogoutProperties properties;

	private final Clock clock;

	LogoutTokens(SigningKeyJwtEncoder encoder, BatonServerProperties server, BackchannelLogoutProperties properties,
			Clock clock) {
		this.encoder = encoder;
		this.issuer = server.issuer();
		this.properties = properties;
		this.clock = clock;
	}

	String mint(PendingLogout logout) {
		Instant now = this.clock.instant();
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(this.issuer)
			.audience(List.of(logout.clientId()))
			.issuedAt(now)
			.expiresAt(now.plus(this.properties.tokenTtl()))
			.id(UUID.randomUUID().toString())
			.subject(logout.subject())
			.claim(TokenClaims.SESSION_ID, logout.familyId())
			.claim("events", Map.of(EVENT, Map.of()))
			.build();
		// the encoder puts the active key's own alg and kid in the header
		JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).type(TYPE).build();
		return this.encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
	}

}
