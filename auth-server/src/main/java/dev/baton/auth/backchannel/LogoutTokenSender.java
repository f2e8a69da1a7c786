package dev.baton.auth.backchannel;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.springframework.stereotype.Component;

/**
 * POSTs a logout token to a client's {@code backchannel_logout_uri} as
 * {@code application/x-www-form-urlencoded} {@code logout_token=…} (OpenID Connect
 * Back-Channel Logout 1.0 §2.5). Short timeouts, no redirects followed (a redirect is a
 * failed delivery: the token goes only to the registered URI), no cookies.
 */
@Component
final class LogoutTokenSender {

	private final HttpClient client;

	private final BackchannelLogoutProperties properties;

	LogoutTokenSender(BackchannelLogoutProperties properties) {
		this.properties = properties;
		this.client = HttpClient.newBuilder()
			.connectTimeout(properties.connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	/**
	 * @return the outcome: delivered on 200 or 204 (§2.8), otherwise a reason fit for a
	 * log line (the status or the kind of failure, never the token)
	 */
	SendResult send(String logoutUri, String logoutToken) {
		HttpRequest request;
		try {
			request = HttpRequest.newBuilder(URI.create(logoutUri))
				.timeout(this.properties.readTimeout())
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("Cache-Control", "no-store")
				.POST(HttpRequest.BodyPublishers
					.ofString("logout_token=" + URLEncoder.encode(logoutToken, StandardCharsets.UTF_8)))
				.build();
		}
		catch (IllegalArgumentException ex) {
			return new SendResult(false, "unusable backchannel_logout_uri");
		}
		try {
			int status = this.client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
			return (status == 200 || status == 204) ? new SendResult(true, "HTTP " + status)
					: new SendResult(false, "HTTP " + status);
		}
		catch (IOException ex) {
			return new SendResult(false, ex.getClass().getSimpleName());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new SendResult(false, SendResult.INTERRUPTED);
		}
	}

	/**
	 * @param detail the HTTP status or the kind of I/O failure
	 */
	record SendResult(boolean delivered, String detail) {

		static final String INTERRUPTED = "interrupted";

		/**
		 * The attempt did not finish because this node is stopping; it counts for
		 * nothing.
		 */
		boolean interrupted() {
			return !this.delivered && INTERRUPTED.equals(this.detail);
		}

	}

}
