package dev.baton.auth.mail;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import dev.baton.auth.demo.DemoMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Sends Baton's mail through Spring Boot's {@link JavaMailSender}
 * ({@code spring.mail.*}), or, when no SMTP server is configured (no
 * {@code spring.mail.host}, as in the embedded demo), writes it to the log, marked
 * {@code MAIL (not sent, no spring.mail.host)}, so the demo's links can be followed from
 * the console. The body (with its single-use link) is logged only in demo mode
 * ({@link DemoMode}); a server outside demo mode without an SMTP server logs recipient
 * and subject at WARN, never a link.
 * <p>
 * Sending runs on a thread of its own, after the caller's transaction: a slow or failing
 * SMTP server neither holds a database connection nor turns a request into a 5xx, and the
 * time a request takes does not tell whether a mail went out (so it does not tell whether
 * an address is known). A failure is logged (recipient and subject, never the body: it
 * holds a link) and the mail is lost; the person can ask again.
 */
@Component
public final class Mailer implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(Mailer.class);

	private final ObjectProvider<JavaMailSender> smtp;

	private final MailProperties properties;

	private final boolean logBodies;

	private final ExecutorService sender = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "baton-mail");
		thread.setDaemon(true);
		return thread;
	});

	@Autowired
	Mailer(ObjectProvider<JavaMailSender> smtp, MailProperties properties, Environment environment) {
		this(smtp, properties, DemoMode.isOn(environment));
	}

	Mailer(ObjectProvider<JavaMailSender> smtp, MailProperties properties, boolean logBodies) {
		this.smtp = smtp;
		this.properties = properties;
		this.logBodies = logBodies;
	}

	/**
	 * Queues the mail; returns at once. Call it after the transaction that made the
	 * mail's link committed.
	 */
	public void send(OutgoingMail mail) {
		try {
			this.sender.execute(() -> deliver(mail));
		}
		catch (RejectedExecutionException ex) {
			logger.warn("Mail to {} ({}) not sent: shutting down", mail.to(), mail.subject());
		}
	}

	void deliver(OutgoingMail mail) {
		JavaMailSender server = this.smtp.getIfAvailable();
		if (server == null && this.logBodies) {
			logger.info("MAIL (not sent, no spring.mail.host): to={}, subject={}, body={}", mail.to(), mail.subject(),
					mail.body());
			return;
		}
		if (server == null) {
			logger.warn(
					"MAIL (not sent, no spring.mail.host; bodies are logged only in demo mode): to={}, " + "subject={}",
					mail.to(), mail.subject());
			return;
		}
		SimpleMailMessage message = new SimpleMailMessage();
		message.setFrom(this.properties.from());
		message.setTo(mail.to());
		message.setSubject(mail.subject());
		message.setText(mail.body());
		try {
			server.send(message);
			logger.info("Mail to {} sent: {}", mail.to(), mail.subject());
		}
		catch (RuntimeException ex) {
			logger.warn("Mail to {} ({}) could not be sent: {}", mail.to(), mail.subject(), ex.toString());
		}
	}

	@Override
	public void destroy() throws InterruptedException {
		this.sender.shutdown();
		this.sender.awaitTermination(5, TimeUnit.SECONDS);
	}

}
