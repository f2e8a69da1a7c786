package dev.baton.auth.refresh;

import java.time.Clock;

import dev.baton.auth.token.AccessTokenClaimsCustomizer;
import dev.baton.auth.token.TokenProperties;
import dev.baton.auth.user.UserAccountRepository;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/**
 * The token generator of every grant: JWT access and ID tokens signed with the active
 * database key, and opaque 256-bit refresh tokens.
 */
@Configuration(proxyBeanMethods = false)
class TokenGeneratorConfiguration {

	@Bean
	OAuth2TokenGenerator<?> tokenGenerator(JwtEncoder jwtEncoder, TokenProperties properties,
			UserAccountRepository accounts, Clock clock) {
		JwtGenerator jwtGenerator = new JwtGenerator(jwtEncoder);
		jwtGenerator.setJwtCustomizer(new AccessTokenClaimsCustomizer(properties, accounts));
		jwtGenerator.setClock(clock);
		return new DelegatingOAuth2TokenGenerator(jwtGenerator, new OpaqueRefreshTokenGenerator(clock));
	}

}
