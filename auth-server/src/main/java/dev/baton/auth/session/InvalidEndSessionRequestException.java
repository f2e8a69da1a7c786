package dev.baton.auth.session;

/**
 * An end-session request Baton refuses without redirecting anywhere: a parameter sent
 * twice, an unknown client, a hint of another client than {@code client_id}, or a
 * {@code post_logout_redirect_uri} the client did not register (OpenID Connect
 * RP-Initiated Logout 1.0 §3). The message names the reason for the log; the browser gets
 * Baton's 400 page.
 */
public class InvalidEndSessionRequestException extends RuntimeException {

	InvalidEndSessionRequestException(String message) {
		super(message);
	}

}
