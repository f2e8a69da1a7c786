package dev.baton.auth.startup;

import dev.baton.auth.support.InvalidSettingException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a missing or unusable required setting in two lines: what is wrong, and how to
 * fix it.
 */
final class InvalidSettingFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSettingException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidSettingException cause) {
		return new FailureAnalysis("Baton cannot start: " + cause.getMessage() + ". Nothing was written.", cause.fix(),
				cause);
	}

}
