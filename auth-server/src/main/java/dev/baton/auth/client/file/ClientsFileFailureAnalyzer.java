package dev.baton.auth.client.file;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an invalid clients file into the one clear start-up message the operator needs:
 * which file, which client, which field, and what to do. Registered in
 * {@code META-INF/spring.factories}.
 */
public final class ClientsFileFailureAnalyzer extends AbstractFailureAnalyzer<InvalidClientsFileException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidClientsFileException cause) {
		StringBuilder description = new StringBuilder("The clients file ").append(cause.file())
			.append(" (baton.clients.file) is invalid; no client of it was applied:");
		cause.problems()
			.forEach((problem) -> description.append(System.lineSeparator()).append("  - ").append(problem));
		String action = "Fix the file and start Baton again. Field names and rules: docs/CLIENTS.md. Secrets are "
				+ "given as ${VARIABLE} (an environment variable holding the secret) or as a {sha256} hash.";
		return new FailureAnalysis(description.toString(), action, cause);
	}

}
