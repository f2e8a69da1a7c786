package dev.baton.auth.client.file;

import java.util.List;

/**
 * The clients file cannot be applied: Baton does not start
 * ({@link ClientsFileFailureAnalyzer} explains why in one message). Nothing of the file
 * has been written.
 */
public final class InvalidClientsFileException extends RuntimeException {

	private final String file;

	private final List<Problem> problems;

	InvalidClientsFileException(String file, List<Problem> problems) {
		super("Clients file " + file + " is invalid: "
				+ String.join("; ", problems.stream().map(Problem::toString).toList()));
		this.file = file;
		this.problems = List.copyOf(problems);
	}

	public String file() {
		return this.file;
	}

	public List<Problem> problems() {
		return this.problems;
	}

	/**
	 * @param client how the client is named in the file ({@code client 'web-app'}, or its
	 * position when it has no id), {@code null} for a problem of the whole file
	 * @param field the field, {@code null} when the problem is not one field's
	 */
	public record Problem(String client, String field, String message) {

		@Override
		public String toString() {
			StringBuilder text = new StringBuilder();
			if (this.client != null) {
				text.append(this.client).append(", ");
			}
			if (this.field != null) {
				text.append("field ").append(this.field).append(": ");
			}
			return text.append(this.message).toString();
		}

	}

}
