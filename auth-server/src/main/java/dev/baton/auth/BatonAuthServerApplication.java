package dev.baton.auth;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Baton's token server: OAuth 2.1 / OpenID Connect on Spring Security's authorization
 * server, with rotating, hashed, family-tracked refresh tokens.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class BatonAuthServerApplication {

	public static void main(String[] args) {
		SpringApplication.run(BatonAuthServerApplication.class, args);
	}

}
