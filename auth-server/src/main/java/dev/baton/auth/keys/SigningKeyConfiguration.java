package dev.baton.auth.keys;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SigningKeyConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(SigningKeyConfiguration.class);

	@Bean
	KeyEncryptionKey keyEncryptionKey(SigningKeyProperties properties) {
		return KeyEncryptionKey.from(properties);
	}

	@Bean
	JwsSigners jwsSigners(SigningKeyProperties properties) {
		JwsSigners signers = properties.nativeSigning() ? JwsSigners.nativeWhereAvailable() : JwsSigners.jdk();
		logger.info("Tokens are signed by {}", signers.providerName());
		return signers;
	}

}
