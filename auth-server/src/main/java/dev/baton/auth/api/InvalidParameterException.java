package dev.baton.auth.api;

/**
 * A query or path parameter of one of Baton's APIs has a value it cannot use: a 400
 * Problem Details answer.
 */
public final class InvalidParameterException extends RuntimeException {

	private final String parameter;

	public InvalidParameterException(String parameter, String message) {
		super(message);
		this.parameter = parameter;
	}

	public String parameter() {
		return this.parameter;
	}

}
