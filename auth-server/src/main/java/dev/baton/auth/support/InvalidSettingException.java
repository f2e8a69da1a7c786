package dev.baton.auth.support;

/**
 * A required setting is missing or unusable, found before anything was written; {@code
 * InvalidSettingFailureAnalyzer} turns it into one short start-up failure report.
 */
public final class InvalidSettingException extends RuntimeException {

	private final String variable;

	private final String fix;

	/**
	 * @param variable the environment variable (or property) to set, named in the report
	 * @param problem what is wrong, never the value of a secret
	 * @param fix how to fix it
	 */
	public InvalidSettingException(String variable, String problem, String fix) {
		super(variable + " " + problem);
		this.variable = variable;
		this.fix = fix;
	}

	public String variable() {
		return this.variable;
	}

	public String fix() {
		return this.fix;
	}

}
