package dev.baton.auth.web;

import java.util.List;

import dev.baton.auth.testsupport.AtOnce;
import dev.baton.auth.testsupport.BatonServerTests;
import dev.baton.auth.testsupport.HttpResult;
import dev.baton.auth.testsupport.TestClient;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over real HTTP, with one token request worked on at a time: parallel token requests
 * queue for their turn and are all served.
 */
@TestPropertySource(properties = "baton.token-endpoint.concurrency=1")
class TokenRequestAdmissionHttpTests extends BatonServerTests {

	@Test
	void tokenRequestsWhenSixteenAtOnceThenEachWaitsItsTurnAndIsServed() throws Exception {
		List<HttpResult> responses = AtOnce.run(16,
				() -> this.http.clientCredentials(TestClient.SERVICE, "notes.read"));

		assertThat(responses).extracting(HttpResult::status).containsOnly(200);
		assertThat(responses).extracting((response) -> response.string("access_token")).doesNotHaveDuplicates();
	}

}
