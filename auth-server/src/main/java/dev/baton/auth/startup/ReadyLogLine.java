package dev.baton.auth.startup;

import dev.baton.auth.demo.DemoMode;
import dev.baton.auth.support.BatonServerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * One line when Baton is ready: where it listens, its issuer and, in demo mode, the demo
 * credentials (they are public anyway, and demo mode only runs on loopback unless asked
 * for).
 */
@Component
final class ReadyLogLine implements ApplicationListener<ApplicationReadyEvent> {

	private static final Logger logger = LoggerFactory.getLogger(ReadyLogLine.class);

	private final BatonServerProperties server;

	ReadyLogLine(BatonServerProperties server) {
		this.server = server;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		logger.info(line(event.getApplicationContext().getEnvironment(),
				(event.getApplicationContext() instanceof WebServerApplicationContext web && web.getWebServer() != null)
						? web.getWebServer().getPort() : -1));
	}

	String line(Environment environment, int port) {
		String address = environment.getProperty("server.address");
		String scheme = environment.getProperty("server.ssl.enabled", Boolean.class, false) ? "https" : "http";
		String host = (address == null || address.isBlank()) ? "0.0.0.0"
				: address.contains(":") ? "[" + address + "]" : address;
		String where = "Baton is ready: listening on " + scheme + "://" + host + ":" + port
				+ ((address == null || address.isBlank()) ? " (all interfaces)" : "") + ", issuer "
				+ this.server.issuer();
		return DemoMode.isOn(environment) ? where + "; demo mode with " + DemoMode.credentials() : where;
	}

}
