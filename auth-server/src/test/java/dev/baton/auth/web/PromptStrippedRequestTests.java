package dev.baton.auth.web;

import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

class PromptStrippedRequestTests {

	@Test
	void strippedWhenPromptLoginAndMaxAgeThenBothGoneAndTheRestKept() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/oauth2/authorize");
		request.setQueryString("client_id=demo-web&prompt=login+consent&max_age=0&state=a%26b");
		request.addParameter("client_id", "demo-web");
		request.addParameter("prompt", "login consent");
		request.addParameter("max_age", "0");
		request.addParameter("state", "a&b");

		PromptStrippedRequest stripped = new PromptStrippedRequest(request, Set.of("max_age"), "login");

		assertThat(stripped.getQueryString()).isEqualTo("client_id=demo-web&prompt=consent&state=a%26b");
		assertThat(stripped.getParameter("prompt")).isEqualTo("consent");
		assertThat(stripped.getParameter("max_age")).isNull();
		assertThat(stripped.getParameterMap()).containsOnlyKeys("client_id", "prompt", "state");
		assertThat(stripped.getParameter("state")).isEqualTo("a&b");
	}

	@Test
	void strippedWhenPromptOnlyLoginThenPromptGone() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/oauth2/authorize");
		request.setQueryString("prompt=login&client_id=demo-web");
		request.addParameter("prompt", "login");
		request.addParameter("client_id", "demo-web");

		PromptStrippedRequest stripped = new PromptStrippedRequest(request, Set.of("max_age"), "login");

		assertThat(stripped.getQueryString()).isEqualTo("client_id=demo-web");
		assertThat(stripped.getParameterValues("prompt")).isNull();
	}

	@Test
	void parseMaxAgeWhenNotANonNegativeIntegerThenEmpty() {
		assertThat(AuthorizationPromptFilter.parseMaxAge("60")).contains(60L);
		assertThat(AuthorizationPromptFilter.parseMaxAge("0")).contains(0L);
		assertThat(AuthorizationPromptFilter.parseMaxAge("-1")).isEmpty();
		assertThat(AuthorizationPromptFilter.parseMaxAge("1e3")).isEmpty();
		assertThat(AuthorizationPromptFilter.parseMaxAge("")).isEmpty();
		assertThat(AuthorizationPromptFilter.parseMaxAge("9999999999999")).isEmpty();
	}

}
