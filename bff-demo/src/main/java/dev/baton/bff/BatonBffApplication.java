package dev.baton.bff;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The sample browser app (a backend for frontend): it signs its users in through Baton,
 * keeps their tokens in its server-side session and gives the browser only an HTTP-only
 * session cookie. The page's script calls this app's {@code /api/notes}, which attaches
 * the access token and relays to resource-server-demo.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BatonBffApplication {

	/**
	 * Its settings file is {@code bff-demo.yml}, not {@code application.yml}: the
	 * end-to-end tests run it in one JVM with the auth-server, whose
	 * {@code application.yml} it must not read (nor the auth-server this one).
	 */
	public static final String CONFIG_NAME = "bff-demo";

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(BatonBffApplication.class);
		application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
		application.run(args);
	}

}
