package dev.baton.auth.mail;

import java.net.ServerSocket;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Mailer}: SMTP when configured, the log when not (the body only in demo mode),
 * and a failing server neither throws nor logs a body.
 */
@ExtendWith(OutputCaptureExtension.class)
class MailerTests {

	private static final OutgoingMail MAIL = new OutgoingMail("bob@example.com", "Reset your Baton password",
			"open http://localhost:9000/account/password-reset/new?token=secret-token-value");

	@Test
	void deliverWhenNoSmtpServerThenLoggedAndMarked(CapturedOutput output) throws Exception {
		Mailer mailer = mailer(null);

		mailer.deliver(MAIL);

		assertThat(output.getOut()).contains("MAIL (not sent, no spring.mail.host): to=bob@example.com, "
				+ "subject=Reset your Baton password, body=open http://localhost:9000");
		mailer.destroy();
	}

	@Test
	void deliverWhenSmtpServerThenSentFromTheConfiguredAddressAndTheBodyNotLogged(CapturedOutput output)
			throws Exception {
		GreenMail server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
		server.start();
		try {
			JavaMailSenderImpl smtp = new JavaMailSenderImpl();
			smtp.setHost("127.0.0.1");
			smtp.setPort(server.getSmtp().getPort());
			Mailer mailer = mailer(smtp);

			mailer.deliver(MAIL);

			MimeMessage[] received = server.getReceivedMessages();
			assertThat(received).hasSize(1);
			assertThat(received[0].getSubject()).isEqualTo("Reset your Baton password");
			assertThat(received[0].getFrom()[0].toString()).contains("baton@example.com");
			assertThat(GreenMailUtil.getBody(received[0])).contains("secret-token-value");
			assertThat(output.getOut()).doesNotContain("secret-token-value");
			mailer.destroy();
		}
		finally {
			server.stop();
		}
	}

	@Test
	void deliverWhenSmtpServerDownThenLoggedWithoutTheBodyAndNotThrown(CapturedOutput output) throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		JavaMailSenderImpl smtp = new JavaMailSenderImpl();
		smtp.setHost("127.0.0.1");
		smtp.setPort(closedPort);
		Mailer mailer = mailer(smtp);

		mailer.deliver(MAIL);

		assertThat(output.getOut()).contains("Mail to bob@example.com (Reset your Baton password) could not be sent")
			.doesNotContain("secret-token-value");
		mailer.destroy();
	}

	@Test
	void toStringWhenMailHoldsALinkThenOnlyRecipientAndSubject() {
		assertThat(MAIL.toString()).doesNotContain("token");
	}

	@Test
	void deliverWhenNoSmtpServerOutsideDemoModeThenNoBodyLogged(CapturedOutput output) throws Exception {
		Mailer mailer = mailer(null, false);

		mailer.deliver(MAIL);

		assertThat(output.getOut()).contains("MAIL (not sent, no spring.mail.host")
			.contains("to=bob@example.com")
			.doesNotContain("secret-token-value");
		mailer.destroy();
	}

	private static Mailer mailer(JavaMailSender smtp) {
		return mailer(smtp, true);
	}

	private static Mailer mailer(JavaMailSender smtp, boolean demo) {
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		if (smtp != null) {
			beans.addBean("mailSender", smtp);
		}
		return new Mailer(beans.getBeanProvider(JavaMailSender.class), new MailProperties("Baton <baton@example.com>"),
				demo);
	}

}
