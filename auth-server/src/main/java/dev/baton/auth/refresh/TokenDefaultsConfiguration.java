package dev.baton.auth.refresh;

import dev.baton.auth.client.TokenDefaults;
import dev.baton.auth.token.TokenProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The server-wide lifetimes every registered client starts from, for the client registry
 * below.
 */
@Configuration(proxyBeanMethods = false)
class TokenDefaultsConfiguration {

	@Bean
	TokenDefaults tokenDefaults(TokenProperties tokens, RefreshTokenProperties refresh) {
		return refresh.clientDefaults(tokens);
	}

}
