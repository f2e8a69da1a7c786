package dev.baton.auth.account;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * E-mail verification ({@code baton.email-verification.*}, docs/SECURITY.md).
 *
 * @param linkTtl how long a verification link can be used
 */
@ConfigurationProperties("baton.email-verification")
public record EmailVerificationProperties(@DefaultValue("PT24H") Duration linkTtl) {
}
