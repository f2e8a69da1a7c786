package dev.baton.auth.testsupport;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips database tests, visibly, when the MariaDB run is selected but no server answers;
 * fails them instead when {@code BATON_REQUIRE_MARIADB=true}. Does nothing for the H2
 * run.
 */
public final class MariaDbCondition implements ExecutionCondition {

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		if (!TestDatabase.isMariaDbSelected()) {
			return ConditionEvaluationResult.enabled("H2 run");
		}
		String reason = context.getRoot()
			.getStore(ExtensionContext.Namespace.create(MariaDbCondition.class))
			.computeIfAbsent("reason", (key) -> String.valueOf(TestDatabase.unavailabilityReason()), String.class);
		return "null".equals(reason) ? ConditionEvaluationResult.enabled("MariaDB answers")
				: ConditionEvaluationResult.disabled(reason);
	}

}
