package dev.baton.auth.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * A real SMTP server (GreenMail) on a free port of 127.0.0.1, started once per test JVM;
 * the HTTP tests' server sends its mail there ({@code spring.mail.host}/{@code port},
 * {@link BatonServerTests}). Tests use addresses of their own and read only the mail sent
 * to them.
 */
public final class TestMailServer {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private static final Pattern LINK = Pattern.compile("https?://[^\\s]+\\?token=[A-Za-z0-9_-]+");

	private static final GreenMail SERVER = start();

	private TestMailServer() {
	}

	private static GreenMail start() {
		GreenMail server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
		server.start();
		Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
		return server;
	}

	public static int port() {
		return SERVER.getSmtp().getPort();
	}

	/** The mail received so far for the address, oldest first. */
	public static List<ReceivedMail> mailTo(String address) {
		List<ReceivedMail> found = new ArrayList<>();
		for (MimeMessage message : SERVER.getReceivedMessages()) {
			try {
				Address[] recipients = message.getRecipients(Message.RecipientType.TO);
				boolean forAddress = recipients != null && Arrays.stream(recipients)
					.anyMatch((recipient) -> recipient.toString()
						.toLowerCase(Locale.ROOT)
						.contains(address.toLowerCase(Locale.ROOT)));
				if (forAddress) {
					found.add(new ReceivedMail(message.getSubject(), GreenMailUtil.getBody(message),
							String.valueOf(Arrays.asList(message.getFrom()))));
				}
			}
			catch (MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return found;
	}

	/**
	 * Waits (up to 20 s; mail is sent on a thread of its own) until the address has
	 * received {@code count} mails whose subject contains {@code subject}, and returns
	 * the last of them.
	 */
	public static ReceivedMail awaitMail(String address, String subject, int count) {
		Instant deadline = Instant.now().plus(WAIT);
		while (true) {
			List<ReceivedMail> matching = mailTo(address).stream()
				.filter((mail) -> mail.subject().contains(subject))
				.toList();
			if (matching.size() >= count) {
				return matching.get(matching.size() - 1);
			}
			if (Instant.now().isAfter(deadline)) {
				throw new AssertionError(
						"No mail '" + subject + "' #" + count + " to " + address + "; received: " + mailTo(address));
			}
			SERVER.waitForIncomingEmail(200, Integer.MAX_VALUE);
		}
	}

	/** One received message. */
	public record ReceivedMail(String subject, String body, String from) {

		/**
		 * The single-use link in the body, moved from the issuer to {@code base} (where
		 * the test server runs).
		 */
		public String link(String issuer, String base) {
			Matcher matcher = LINK.matcher(this.body.replace("=\r\n", "").replace("=3D", "="));
			if (!matcher.find()) {
				throw new IllegalStateException("No link in " + this.body);
			}
			String link = matcher.group();
			return link.startsWith(issuer) ? base + link.substring(issuer.length()) : link;
		}

		/** The token of the link. */
		public String token() {
			String link = link("", "");
			return link.substring(link.indexOf("?token=") + "?token=".length());
		}

		@Override
		public String toString() {
			return "ReceivedMail[" + this.subject + "]";
		}

	}

}
