package dev.baton.auth.testsupport;

import java.util.Map;

/** What a token response handed over, plus the code it was redeemed from. */
public record Tokens(String accessToken, String refreshToken, String idToken, String scope, String code,
		Map<String, Object> json) {

	static Tokens of(HttpResult response, String code) {
		Map<String, Object> json = response.json();
		return new Tokens((String) json.get("access_token"), (String) json.get("refresh_token"),
				(String) json.get("id_token"), (String) json.get("scope"), code, json);
	}

	public static Tokens of(HttpResult response) {
		return of(response, null);
	}

}
