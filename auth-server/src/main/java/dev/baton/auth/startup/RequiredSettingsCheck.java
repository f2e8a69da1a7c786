package dev.baton.auth.startup;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;

import dev.baton.auth.BatonAuthServerApplication;
import dev.baton.auth.support.InvalidSettingException;
import dev.baton.auth.support.Loopback;

import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Checks the required settings once the configuration is complete (every property source
 * and initializer applied, {@link ApplicationPreparedEvent}), before any bean exists and
 * so before the database is touched: the issuer ({@code BATON_ISSUER}), the database URL
 * and user ({@code BATON_DB_URL}, {@code BATON_DB_USER}) and the key-encryption key
 * ({@code BATON_KEY_ENCRYPTION_KEY}: set, base64, 32 bytes). A setting whose {@code ${…}}
 * placeholder has nothing to resolve to counts as missing; it is never used as its own
 * literal text. Each failure names the environment variable and the fix
 * ({@link InvalidSettingException}).
 */
final class RequiredSettingsCheck implements ApplicationListener<ApplicationPreparedEvent>, Ordered {

	static final int KEY_BYTES = 32;

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void onApplicationEvent(ApplicationPreparedEvent event) {
		ConfigurableEnvironment environment = event.getApplicationContext().getEnvironment();
		if (!event.getSpringApplication().getAllSources().contains(BatonAuthServerApplication.class)) {
			// Another application on the same class path (the resource server in the
			// end-to-end tests).
			return;
		}
		checkIssuer(environment);
		checkDatabase(environment);
		checkKeyEncryptionKey(environment);
	}

	/**
	 * RFC 8414 §2 and OpenID Connect Discovery §3: an absolute {@code https} URL without
	 * query or fragment; {@code http} only on a loopback host (development).
	 */
	private static void checkIssuer(ConfigurableEnvironment environment) {
		String issuer = resolved(environment, "baton.issuer", "BATON_ISSUER",
				"Set BATON_ISSUER to the public HTTPS URL clients reach Baton at, e.g. "
						+ "BATON_ISSUER=https://login.example.com");
		String fix = "Set BATON_ISSUER to an absolute URL without query or fragment, https unless the host is "
				+ "localhost, e.g. BATON_ISSUER=https://login.example.com";
		URI uri;
		try {
			uri = new URI(issuer);
		}
		catch (URISyntaxException ex) {
			throw new InvalidSettingException("BATON_ISSUER", "is not a URL", fix);
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!uri.isAbsolute() || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null
				|| !(scheme.equals("https") || (scheme.equals("http") && Loopback.isLoopback(uri.getHost())))) {
			throw new InvalidSettingException("BATON_ISSUER", "is not a usable issuer (" + issuer + ")", fix);
		}
	}

	private static void checkDatabase(ConfigurableEnvironment environment) {
		String url = resolved(environment, "spring.datasource.url", "BATON_DB_URL",
				"Set BATON_DB_URL to the JDBC URL of the database, e.g. "
						+ "BATON_DB_URL=jdbc:mariadb://db.example.com:3306/baton");
		if (!url.startsWith("jdbc:")) {
			throw new InvalidSettingException("BATON_DB_URL", "is not a JDBC URL",
					"Set BATON_DB_URL to a URL starting with jdbc:, e.g. jdbc:mariadb://db.example.com:3306/baton");
		}
		resolved(environment, "spring.datasource.username", "BATON_DB_USER",
				"Set BATON_DB_USER (and BATON_DB_PASSWORD) to the database account Baton uses");
		resolvedOrEmpty(environment, "spring.datasource.password", "BATON_DB_PASSWORD",
				"Set BATON_DB_PASSWORD to the password of BATON_DB_USER (empty for none)");
	}

	private static void checkKeyEncryptionKey(ConfigurableEnvironment environment) {
		String fix = "Set BATON_KEY_ENCRYPTION_KEY to 32 random bytes in base64, generated once (e.g. "
				+ "'openssl rand -base64 32') and kept in a secret store; every node and every restart needs the "
				+ "same value";
		if (!environment.containsProperty("baton.keys.encryption-key")) {
			if (!environment.containsProperty("baton.keys.encryption-key-file")) {
				throw new InvalidSettingException("BATON_KEY_ENCRYPTION_KEY", "is not set", fix);
			}
			return;
		}
		String value = resolvedOrEmpty(environment, "baton.keys.encryption-key", "BATON_KEY_ENCRYPTION_KEY", fix);
		if (value.isBlank()) {
			if (environment.containsProperty("baton.keys.encryption-key-file")) {
				return;
			}
			throw new InvalidSettingException("BATON_KEY_ENCRYPTION_KEY", "is not set", fix);
		}
		byte[] key;
		try {
			key = Base64.getDecoder().decode(value.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidSettingException("BATON_KEY_ENCRYPTION_KEY", "is not valid base64", fix);
		}
		int length = key.length;
		Arrays.fill(key, (byte) 0);
		if (length != KEY_BYTES) {
			throw new InvalidSettingException("BATON_KEY_ENCRYPTION_KEY",
					"decodes to " + length + " bytes instead of " + KEY_BYTES, fix);
		}
	}

	/**
	 * The value, placeholders resolved; missing, blank or unresolvable is an
	 * {@link InvalidSettingException}.
	 */
	private static String resolved(ConfigurableEnvironment environment, String property, String variable, String fix) {
		String value = resolvedOrEmpty(environment, property, variable, fix);
		if (value.isBlank()) {
			throw new InvalidSettingException(variable, "is not set (property " + property + ")", fix);
		}
		return value.trim();
	}

	private static String resolvedOrEmpty(ConfigurableEnvironment environment, String property, String variable,
			String fix) {
		try {
			String value = environment.getProperty(property);
			return (value != null) ? value : "";
		}
		catch (IllegalArgumentException ex) {
			// An unresolvable ${...} placeholder: the variable it names is not set.
			throw new InvalidSettingException(variable, "is not set (property " + property + ")", fix);
		}
	}

}
