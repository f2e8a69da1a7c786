package dev.baton.auth.demo;

import dev.baton.auth.support.Loopback;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Whether the demo data (public, well-known passwords and secrets) is seeded: when
 * {@code baton.demo.enabled} is given, as it says; otherwise only when the server listens
 * on the loopback interface alone ({@code server.address} 127.0.0.1, the embedded
 * default). A server reachable from the network never gets the demo accounts unless asked
 * for them explicitly.
 */
public final class DemoMode implements Condition {

	public static boolean isOn(Environment environment) {
		String explicit = environment.getProperty("baton.demo.enabled");
		if (explicit != null && !explicit.isBlank()) {
			return Boolean.parseBoolean(explicit.trim());
		}
		return Loopback.isLoopback(environment.getProperty("server.address"));
	}

	/** The demo sign-ins, for the ready log line. */
	public static String credentials() {
		return "demo users " + DemoData.USERNAME + " / " + DemoData.PASSWORD + " and " + DemoData.ADMIN_USERNAME + " / "
				+ DemoData.ADMIN_PASSWORD + " (role admin); clients demo-web / " + DemoData.WEB_SECRET
				+ ", demo-mobile (public, PKCE), demo-bff / " + DemoData.BFF_SECRET + " (bff-demo), demo-service / "
				+ DemoData.SERVICE_SECRET + ", demo-admin / " + DemoData.ADMIN_SECRET;
	}

	@Override
	public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return isOn(context.getEnvironment());
	}

}
