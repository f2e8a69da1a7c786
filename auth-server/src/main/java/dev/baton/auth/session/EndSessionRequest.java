package dev.baton.auth.session;

import java.util.Optional;

/**
 * A checked end-session request (OpenID Connect RP-Initiated Logout 1.0 §2): the
 * parameters the browser brought, and what a verified {@code id_token_hint} says.
 *
 * @param idTokenHint the hint as sent, or {@code null}
 * @param clientId the client, named by the hint or by {@code client_id}, or {@code null}
 * when neither names one
 * @param clientName the client's display name, or {@code null}
 * @param postLogoutRedirectUri a URI registered for the client, or {@code null}
 * @param state passed back to {@code postLogoutRedirectUri}, or {@code null}
 * @param hint the verified hint's user and session, or {@code null} when there is no hint
 * or it does not verify
 */
public record EndSessionRequest(String idTokenHint, String clientId, String clientName, String postLogoutRedirectUri,
		String state, Hint hint) {

	/** The account id ({@code sub}) of a verified hint. */
	public Optional<String> hintSubject() {
		return Optional.ofNullable(this.hint).map(Hint::subject);
	}

	/**
	 * What a verified ID token hint names.
	 *
	 * @param subject its {@code sub}, the account id
	 * @param sessionId its {@code sid}, the session (token family) id, or {@code null}
	 * @param expired whether it had expired when presented (a hint may be expired, §2; it
	 * then proves less)
	 */
	public record Hint(String subject, String sessionId, boolean expired) {
	}

}
