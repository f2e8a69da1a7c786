package dev.baton.auth.keys;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SigningKeyConfiguration {

	@Bean
	KeyEncryptionKey keyEncryptionKey(SigningKeyProperties properties) {
		return KeyEncryptionKey.from(properties);
	}

}
