package dev.baton.auth.crypto;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.baton.auth.testsupport.BatonHttpClient;
import dev.baton.auth.testsupport.BatonServerTests;
import dev.baton.auth.testsupport.DatabaseState.StoredValue;
import dev.baton.auth.testsupport.HttpResult;
import dev.baton.auth.testsupport.TestClient;
import dev.baton.auth.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DESIGN "Nothing usable at rest": after every kind of exchange Baton offers, no table
 * holds an issued access token, refresh token, ID token or authorization code, a client
 * secret or a user password, in plain text, base64 or hex, in any column of any row
 * (session blobs included).
 */
class NothingUsableAtRestHttpTests extends BatonServerTests {

	@Test
	void databaseWhenEveryFlowHasRunThenHoldsNoIssuedSecretInAnyColumn() {
		Map<String, String> secrets = new LinkedHashMap<>();
		secrets.put("alice's password", BatonHttpClient.PASSWORD);
		secrets.put("demo-web secret", "demo-web-secret");
		secrets.put("demo-bff secret", "demo-bff-secret");
		secrets.put("demo-service secret", "demo-service-secret");
		secrets.put("demo-admin secret", "demo-admin-secret");
		Tokens web = this.http.signIn(TestClient.WEB);
		collect(secrets, "web", web);
		HttpResult webRefresh = this.http.refresh(TestClient.WEB, web.refreshToken());
		collect(secrets, "web refresh", Tokens.of(webRefresh));
		Tokens mobile = new BatonHttpClient(this.http.baseUrl()).signIn(TestClient.MOBILE);
		collect(secrets, "mobile", mobile);
		HttpResult mobileRefresh = this.http.refresh(TestClient.MOBILE, mobile.refreshToken());
		collect(secrets, "mobile refresh", Tokens.of(mobileRefresh));
		HttpResult mobileRetry = this.http.refresh(TestClient.MOBILE, mobile.refreshToken());
		collect(secrets, "mobile retry", Tokens.of(mobileRetry));
		Tokens consent = this.http.signIn(TestClient.WEB, BatonHttpClient.USER_SCOPES, "prompt", "login");
		collect(secrets, "second web sign-in", consent);
		collect(secrets, "service", Tokens.of(this.http.clientCredentials(TestClient.SERVICE, "notes.read")));
		collect(secrets, "admin", Tokens.of(this.http.clientCredentials(TestClient.ADMIN, "baton.admin")));
		this.http.introspect(TestClient.WEB, web.accessToken());
		this.http.revoke(TestClient.WEB, consent.refreshToken());
		assertThat(secrets).hasSizeGreaterThan(20);

		List<StoredValue> values = this.database.allValues();

		assertThat(values).extracting(StoredValue::table)
			.contains("refresh_token", "token_family", "authorization_code", "client", "user_account", "signing_key",
					"http_session_attribute");
		assertThat(values).as("the scan reads text and binary columns")
			.anySatisfy((value) -> assertThat(contains(value.bytes(), "alice@example.com".getBytes())).isTrue())
			.anySatisfy(
					(value) -> assertThat(contains(value.bytes(), TokenHash.of(web.refreshToken()).bytes())).isTrue());
		List<String> leaks = new ArrayList<>();
		for (StoredValue value : values) {
			byte[] stored = value.bytes();
			secrets.forEach((name, secret) -> {
				for (String form : forms(secret)) {
					if (contains(stored, form.getBytes(StandardCharsets.UTF_8))) {
						leaks.add(name + " in " + value.table() + "." + value.column());
					}
				}
			});
		}
		assertThat(leaks).isEmpty();
	}

	private static void collect(Map<String, String> secrets, String name, Tokens tokens) {
		put(secrets, name + " access token", tokens.accessToken());
		put(secrets, name + " refresh token", tokens.refreshToken());
		put(secrets, name + " ID token", tokens.idToken());
		put(secrets, name + " code", tokens.code());
	}

	private static void put(Map<String, String> secrets, String name, String value) {
		if (value == null) {
			return;
		}
		secrets.put(name, value);
		String[] jwtParts = value.split("\\.");
		if (jwtParts.length == 3) {
			secrets.put(name + " signature", jwtParts[2]);
		}
	}

	/** The value as is, in base64 and in hex: any of them would hand the secret over. */
	private static List<String> forms(String secret) {
		byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
		return List.of(secret, Base64.getEncoder().encodeToString(bytes),
				Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), HexFormat.of().formatHex(bytes),
				HexFormat.of().withUpperCase().formatHex(bytes));
	}

	private static boolean contains(byte[] haystack, byte[] needle) {
		outer: for (int i = 0; i <= haystack.length - needle.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return true;
		}
		return false;
	}

}
