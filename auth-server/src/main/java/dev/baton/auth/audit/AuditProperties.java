package dev.baton.auth.audit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The audit log ({@code baton.audit.*}).
 *
 * @param retention how long an audit event is kept; the scheduled cleanup deletes older
 * ones. {@code PT0S} keeps them forever (then the table grows with every sign-in attempt,
 * including anonymous ones)
 */
@ConfigurationProperties("baton.audit")
public record AuditProperties(@DefaultValue("P90D") Duration retention) {

	public AuditProperties {
		if (retention.isNegative()) {
			throw new IllegalArgumentException("baton.audit.retention must not be negative");
		}
	}

}
