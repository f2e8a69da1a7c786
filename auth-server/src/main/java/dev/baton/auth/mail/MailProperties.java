package dev.baton.auth.mail;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Baton's mail ({@code baton.mail.*}); the SMTP server is Spring Boot's
 * {@code spring.mail.*}.
 *
 * @param from the sender address of verification and password-reset mail
 */
@ConfigurationProperties("baton.mail")
public record MailProperties(@DefaultValue("Baton <no-reply@localhost>") String from) {
}
