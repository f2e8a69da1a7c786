package dev.baton.auth.client;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ClientTests {

	@Test
	void buildWhenCreatedAtMissingThenIllegalStateNamingTheClient() {
		Client.Builder builder = Client.withClientId("no-date").scopes("openid");

		assertThatIllegalStateException().isThrownBy(builder::build)
			.withMessageContaining("no-date")
			.withMessageContaining("createdAt");
	}

	@Test
	void buildWhenCreatedAtGivenThenKept() {
		Instant createdAt = Instant.parse("2026-01-01T00:00:00Z");

		assertThat(Client.withClientId("dated").createdAt(createdAt).build().createdAt()).isEqualTo(createdAt);
	}

}
