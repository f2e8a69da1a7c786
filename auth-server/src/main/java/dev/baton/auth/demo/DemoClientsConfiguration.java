package dev.baton.auth.demo;

import dev.baton.auth.client.file.ShippedClientsFile;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The demo clients of DESIGN.md are an ordinary clients file shipped with Baton, applied
 * in demo mode like any operator's file: the demo is one configuration among others.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(DemoMode.class)
class DemoClientsConfiguration {

	@Bean
	ShippedClientsFile demoClientsFile() {
		return new ShippedClientsFile("clients/demo-clients.yml");
	}

}
