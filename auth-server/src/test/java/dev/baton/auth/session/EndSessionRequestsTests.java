package dev.baton.auth.session;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.baton.auth.crypto.TokenHash;
import dev.baton.auth.user.SignedInAccounts;
import dev.baton.auth.user.UserAccount;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

class EndSessionRequestsTests {

	private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

	private static final String BROWSER = "b".repeat(43);

	private final JwtDecoder decoder = mock(JwtDecoder.class);

	private final RegisteredClientRepository clients = mock(RegisteredClientRepository.class);

	private final SignedInAccounts accounts = mock(SignedInAccounts.class);

	private final AccountSessionService sessions = mock(AccountSessionService.class);

	private final Authentication alice = UsernamePasswordAuthenticationToken.authenticated("alice", null,
			AuthorityUtils.NO_AUTHORITIES);

	private EndSessionRequests requests;

	@BeforeEach
	void setUp() {
		this.requests = new EndSessionRequests(this.decoder, this.clients, this.accounts, this.sessions,
				Clock.fixed(NOW, ZoneOffset.UTC));
		given(this.clients.findByClientId("demo-web")).willReturn(client("demo-web"));
		given(this.clients.findByClientId("demo-mobile")).willReturn(client("demo-mobile"));
		given(this.decoder.decode("alice-hint")).willReturn(hint("alice-id", "family-1", NOW.plusSeconds(60)));
		given(this.decoder.decode("expired-hint")).willReturn(hint("alice-id", "family-1", NOW));
		given(this.decoder.decode("forged")).willThrow(new BadJwtException("bad signature"));
		given(this.accounts.of(this.alice))
			.willReturn(Optional.of(new UserAccount("alice-id", "alice", null, "Alice", "{noop}x", true, NOW)));
		given(this.sessions.startedIn(eq(TokenHash.of(BROWSER)), eq("family-1"))).willReturn(true);
	}

	@Test
	void checkWhenHintVerifiesThenNamesItsClientUserAndSession() {
		EndSessionRequest request = this.requests.check("alice-hint", null, "http://127.0.0.1:8765/", "s");

		assertThat(request.clientId()).isEqualTo("demo-web");
		assertThat(request.postLogoutRedirectUri()).isEqualTo("http://127.0.0.1:8765/");
		assertThat(request.hint()).isEqualTo(new EndSessionRequest.Hint("alice-id", "family-1", false));
	}

	@Test
	void checkWhenHintDoesNotVerifyThenRequestWithoutHint() {
		EndSessionRequest request = this.requests.check("forged", null, null, null);

		assertThat(request.hint()).isNull();
		assertThat(request.clientId()).isNull();
	}

	@Test
	void checkWhenRefusedThenInvalidEndSessionRequest() {
		assertThatExceptionOfType(InvalidEndSessionRequestException.class)
			.isThrownBy(() -> this.requests.check("alice-hint", "demo-mobile", null, null));
		assertThatExceptionOfType(InvalidEndSessionRequestException.class)
			.isThrownBy(() -> this.requests.check("alice-hint", null, "https://evil.example/", null));
		assertThatExceptionOfType(InvalidEndSessionRequestException.class)
			.isThrownBy(() -> this.requests.check(null, null, "http://127.0.0.1:8765/", null));
		assertThatExceptionOfType(InvalidEndSessionRequestException.class)
			.isThrownBy(() -> this.requests.check(null, "no-such-client", null, null));
		MockHttpServletRequest repeated = new MockHttpServletRequest("GET", "/connect/logout");
		repeated.addParameter("state", "a", "b");
		assertThatExceptionOfType(InvalidEndSessionRequestException.class)
			.isThrownBy(() -> this.requests.check(repeated));
	}

	@Test
	void mayEndWithoutAskingOnlyWhenSignedInCurrentHintOfThatUserAndSessionStartedHere() {
		EndSessionRequest current = this.requests.check("alice-hint", null, null, null);
		EndSessionRequest expired = this.requests.check("expired-hint", null, null, null);
		EndSessionRequest none = this.requests.check(null, "demo-web", null, null);
		Authentication anonymous = new AnonymousAuthenticationToken("key", "anonymous",
				AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
		Authentication bob = UsernamePasswordAuthenticationToken.authenticated("bob", null,
				AuthorityUtils.NO_AUTHORITIES);
		given(this.accounts.of(bob))
			.willReturn(Optional.of(new UserAccount("bob-id", "bob", null, "Bob", "{noop}x", true, NOW)));

		assertThat(this.requests.mayEndWithoutAsking(current, browser(BROWSER), this.alice)).isTrue();
		assertThat(this.requests.mayEndWithoutAsking(current, browser("o".repeat(43)), this.alice))
			.as("session started in another browser")
			.isFalse();
		assertThat(this.requests.mayEndWithoutAsking(current, new MockHttpServletRequest(), this.alice))
			.as("no browser cookie")
			.isFalse();
		assertThat(this.requests.mayEndWithoutAsking(current, browser(BROWSER), anonymous)).isFalse();
		assertThat(this.requests.mayEndWithoutAsking(current, browser(BROWSER), bob)).isFalse();
		assertThat(this.requests.mayEndWithoutAsking(expired, browser(BROWSER), this.alice)).isFalse();
		assertThat(this.requests.mayEndWithoutAsking(none, browser(BROWSER), this.alice)).isFalse();
	}

	private static MockHttpServletRequest browser(String cookie) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/connect/logout");
		request.setCookies(new Cookie(BrowserCookie.NAME, cookie));
		return request;
	}

	private static Jwt hint(String subject, String sid, Instant expiresAt) {
		return Jwt.withTokenValue("hint")
			.header("alg", "RS256")
			.subject(subject)
			.audience(List.of("demo-web"))
			.claims((claims) -> claims.putAll(Map.of("azp", "demo-web", "sid", sid)))
			.issuedAt(expiresAt.minusSeconds(1800))
			.expiresAt(expiresAt)
			.build();
	}

	private static RegisteredClient client(String clientId) {
		return RegisteredClient.withId(clientId)
			.clientId(clientId)
			.clientName(clientId)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri("http://127.0.0.1:8765/callback")
			.postLogoutRedirectUri("http://127.0.0.1:8765/")
			.build();
	}

}
