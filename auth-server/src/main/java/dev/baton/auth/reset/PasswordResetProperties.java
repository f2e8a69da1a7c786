package dev.baton.auth.reset;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Password reset by e-mail ({@code baton.password-reset.*}, docs/SECURITY.md); how often
 * it may be asked for is {@code baton.sign-in.password-resets-per-address} and
 * {@code -per-ip}.
 *
 * @param linkTtl how long a reset link can be used
 */
@ConfigurationProperties("baton.password-reset")
public record PasswordResetProperties(@DefaultValue("PT15M") Duration linkTtl) {
}
