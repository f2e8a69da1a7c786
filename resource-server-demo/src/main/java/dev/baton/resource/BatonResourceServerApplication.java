package dev.baton.resource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The sample API that trusts Baton's access tokens without calling Baton per request: it verifies each JWT
 * locally against Baton's published keys (JWKS), which it fetches lazily and caches.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BatonResourceServerApplication {

	public static void main(String[] args) {
		SpringApplication.run(BatonResourceServerApplication.class, args);
	}

}
