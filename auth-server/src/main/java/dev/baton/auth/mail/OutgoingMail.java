package dev.baton.auth.mail;

/**
 * One plain-text message. Its body may hold a single-use link, so {@link #toString()}
 * names only the recipient and the subject.
 */
public record OutgoingMail(String to, String subject, String body) {

	@Override
	public String toString() {
		return "OutgoingMail[to=" + this.to + ", subject=" + this.subject + "]";
	}

}
