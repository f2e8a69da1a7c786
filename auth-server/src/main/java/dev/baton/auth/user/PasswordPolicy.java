package dev.baton.auth.user;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * What a new password must be (NIST SP 800-63B §5.1.1.2): at least {@value #MIN_LENGTH}
 * characters, at most {@value #MAX_LENGTH} (bcrypt reads 72 bytes; longer would silently
 * be cut), not on the list of common passwords shipped in
 * {@code accounts/common-passwords.txt}, and not containing the username. No composition
 * rules.
 */
@Component
public final class PasswordPolicy {

	public static final int MIN_LENGTH = 12;

	public static final int MAX_LENGTH = 72;

	private final Set<String> commonPasswords;

	public PasswordPolicy() {
		this(load(new ClassPathResource("accounts/common-passwords.txt")));
	}

	PasswordPolicy(Set<String> commonPasswords) {
		this.commonPasswords = Set.copyOf(commonPasswords);
	}

	/** Why the password is refused, or empty when it is acceptable. */
	public Optional<String> check(String password, String username) {
		if (password == null || password.length() < MIN_LENGTH) {
			return Optional.of("must be at least " + MIN_LENGTH + " characters long");
		}
		if (password.getBytes(StandardCharsets.UTF_8).length > MAX_LENGTH) {
			return Optional.of("must be at most " + MAX_LENGTH + " bytes long");
		}
		String lower = password.toLowerCase(Locale.ROOT);
		if (this.commonPasswords.contains(lower) || lower.chars().distinct().count() < 4) {
			return Optional.of("is too common; choose another one");
		}
		if (username != null && username.length() >= 3 && lower.contains(username.toLowerCase(Locale.ROOT))) {
			return Optional.of("must not contain the username");
		}
		return Optional.empty();
	}

	private static Set<String> load(ClassPathResource resource) {
		Set<String> passwords = new HashSet<>();
		try (InputStream in = resource.getInputStream();
				BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				String value = line.trim();
				if (!value.isEmpty() && !value.startsWith("#")) {
					passwords.add(value.toLowerCase(Locale.ROOT));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the list of common passwords", ex);
		}
		return passwords;
	}

}
