package dev.baton.auth.web;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.baton.auth.testsupport.BatonServerTests;
import dev.baton.auth.testsupport.HttpResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 9728: the 401s of Baton's own APIs point at its protected-resource metadata, and
 * that document is served (not a redirect to the login page) and describes Baton's APIs:
 * the resource is the issuer (the audience their tokens need), Baton is their
 * authorization server, tokens go in the header.
 */
class ProtectedResourceMetadataHttpTests extends BatonServerTests {

	private static final Pattern RESOURCE_METADATA = Pattern.compile("resource_metadata=\"([^\"]+)\"");

	@Test
	void apiWhenNoTokenThenWwwAuthenticatePointsAtServedMetadata() {
		for (String api : List.of("/api/admin/users", "/api/account/sessions", "/actuator/metrics")) {
			HttpResult unauthorized = this.http.get(api, "Accept", "application/json");
			assertThat(unauthorized.status()).as(api).isEqualTo(401);
			String challenge = unauthorized.header("WWW-Authenticate");
			assertThat(challenge).as(api).startsWith("Bearer");
			Matcher metadata = RESOURCE_METADATA.matcher(challenge);
			assertThat(metadata.find()).as("%s: %s", api, challenge).isTrue();
			assertThat(metadata.group(1)).isEqualTo(ISSUER + "/.well-known/oauth-protected-resource");
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void protectedResourceMetadataWhenRequestedThenDescribesBatonApis() {
		HttpResult response = this.http.get("/.well-known/oauth-protected-resource");

		assertThat(response.status()).as("%s", response).isEqualTo(200);
		assertThat(response.header("Content-Type")).startsWith("application/json");
		Map<String, Object> metadata = response.json();
		assertThat(metadata).containsEntry("resource", ISSUER)
			.containsEntry("authorization_servers", List.of(ISSUER))
			.containsEntry("bearer_methods_supported", List.of("header"));
		assertThat((List<Object>) metadata.get("scopes_supported")).contains("baton.admin", "baton.account");
	}

	@Test
	void protectedResourceMetadataWhenPostOrSuffixThenClientErrorNotLoginPage() {
		HttpResult suffixed = this.http.get("/.well-known/oauth-protected-resource/api/admin/users");
		assertThat(suffixed.status()).isEqualTo(404);
		assertThat(suffixed.header("Location")).isNull();
	}

}
