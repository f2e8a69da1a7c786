package dev.baton.resource;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The sample API that trusts Baton's access tokens without calling Baton per request: it
 * verifies each JWT locally against Baton's published keys (JWKS), which it fetches
 * lazily and caches.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BatonResourceServerApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(BatonResourceServerApplication.class);
		// Defaults in code rather than an application.yml, which would shadow the
		// auth-server's own when both
		// apps share a class path (the e2e tests). Like the auth-server, listen on
		// loopback unless told otherwise.
		application.setDefaultProperties(Map.of("spring.application.name", "baton-resource-server", "server.address",
				"${BATON_BIND_ADDRESS:127.0.0.1}"));
		application.run(args);
	}

}
