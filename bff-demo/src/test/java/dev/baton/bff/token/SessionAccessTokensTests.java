package dev.baton.bff.token;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import dev.baton.bff.BffProperties;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SessionAccessTokens} against Spring's real client manager and session
 * repository, with Baton's token endpoint replaced by a stub that counts refreshes.
 */
class SessionAccessTokensTests {

	private static final int CALLERS = 8;

	private final ClientRegistration registration = ClientRegistration.withRegistrationId(BffProperties.REGISTRATION_ID)
		.clientId("demo-bff")
		.clientSecret("demo-bff-secret")
		.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
		.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
		.authorizationUri("http://127.0.0.1:9000/oauth2/authorize")
		.tokenUri("http://127.0.0.1:9000/oauth2/token")
		.build();

	private final HttpSessionOAuth2AuthorizedClientRepository repository = new HttpSessionOAuth2AuthorizedClientRepository();

	private final Authentication alice = new TestingAuthenticationToken("alice", null, "ROLE_USER");

	private final MockHttpSession session = new MockHttpSession();

	private final AtomicInteger refreshes = new AtomicInteger();

	@Test
	void accessTokenWhenExpiredAndCalledInParallelThenOneRefreshAndEveryCallerGetsItsToken() throws Exception {
		SessionAccessTokens tokens = tokens((request) -> {
			int call = this.refreshes.incrementAndGet();
			pause(); // a token endpoint takes a while: long enough for every caller to
						// arrive
			return OAuth2AccessTokenResponse.withToken("access-" + call)
				.tokenType(OAuth2AccessToken.TokenType.BEARER)
				.expiresIn(300)
				.refreshToken("refresh-" + call)
				.build();
		});
		storeExpiredTokens();

		List<AccessTokenOutcome> results = inParallel(
				() -> tokens.accessToken(this.alice, request(), new MockHttpServletResponse()));

		assertThat(this.refreshes).hasValue(1);
		assertThat(results).containsOnly(new AccessTokenOutcome.Current("access-1"));
		assertThat(this.repository.loadAuthorizedClient(BffProperties.REGISTRATION_ID, this.alice, request())
			.getRefreshToken()
			.getTokenValue()).isEqualTo("refresh-1");
	}

	@Test
	void accessTokenWhenFreshThenNoRefresh() {
		SessionAccessTokens tokens = tokens((request) -> {
			throw new AssertionError("no refresh expected");
		});
		store(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "current", Instant.now(),
				Instant.now().plus(Duration.ofMinutes(5))));

		assertThat(tokens.accessToken(this.alice, request(), new MockHttpServletResponse()))
			.isEqualTo(new AccessTokenOutcome.Current("current"));
	}

	@Test
	void accessTokenWhenBatonRefusesTheRefreshThenSignedOutAndTheTokensLeaveTheSession() {
		SessionAccessTokens tokens = tokens((request) -> {
			throw new OAuth2AuthorizationException(new OAuth2Error("invalid_grant"));
		});
		storeExpiredTokens();

		assertThat(tokens.accessToken(this.alice, request(), new MockHttpServletResponse()))
			.isInstanceOf(AccessTokenOutcome.SignedOut.class);
		assertThat(this.repository.<OAuth2AuthorizedClient>loadAuthorizedClient(BffProperties.REGISTRATION_ID,
				this.alice, request()))
			.isNull();
	}

	@Test
	void accessTokenWhenBatonIsTemporarilyUnavailableThenUnavailableAndTheSessionKeepsItsTokens() {
		SessionAccessTokens tokens = tokens((request) -> {
			throw new OAuth2AuthorizationException(new OAuth2Error("temporarily_unavailable"));
		});
		storeExpiredTokens();

		assertThat(tokens.accessToken(this.alice, request(), new MockHttpServletResponse()))
			.isEqualTo(new AccessTokenOutcome.Unavailable("temporarily_unavailable"));
		assertThat(this.repository
			.<OAuth2AuthorizedClient>loadAuthorizedClient(BffProperties.REGISTRATION_ID, this.alice, request())
			.getRefreshToken()
			.getTokenValue()).isEqualTo("refresh-0");
	}

	@Test
	void accessTokenWhenNoSessionThenSignedOut() {
		SessionAccessTokens tokens = tokens((request) -> {
			throw new AssertionError("no refresh expected");
		});

		assertThat(tokens.accessToken(this.alice, new MockHttpServletRequest(), new MockHttpServletResponse()))
			.isInstanceOf(AccessTokenOutcome.SignedOut.class);
	}

	private SessionAccessTokens tokens(OAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest> tokenEndpoint) {
		DefaultOAuth2AuthorizedClientManager manager = new DefaultOAuth2AuthorizedClientManager(
				new InMemoryClientRegistrationRepository(this.registration), this.repository);
		manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
			.refreshToken((refresh) -> refresh.accessTokenResponseClient(tokenEndpoint))
			.build());
		return new SessionAccessTokens(manager, this.repository);
	}

	private void storeExpiredTokens() {
		store(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "expired",
				Instant.now().minus(Duration.ofMinutes(10)), Instant.now().minus(Duration.ofMinutes(5)), Set.of()));
	}

	private void store(OAuth2AccessToken accessToken) {
		OAuth2AuthorizedClient client = new OAuth2AuthorizedClient(this.registration, "alice", accessToken,
				new OAuth2RefreshToken("refresh-0", Instant.now()));
		this.repository.saveAuthorizedClient(client, this.alice, request(), new MockHttpServletResponse());
	}

	/**
	 * A request of this test's browser session (the same session object, as the servlet
	 * container gives).
	 */
	private MockHttpServletRequest request() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setSession(this.session);
		return request;
	}

	private static List<AccessTokenOutcome> inParallel(Callable<AccessTokenOutcome> call) throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(CALLERS);
		try {
			CountDownLatch go = new CountDownLatch(1);
			List<Future<AccessTokenOutcome>> futures = new ArrayList<>();
			for (int i = 0; i < CALLERS; i++) {
				futures.add(threads.submit(() -> {
					go.await();
					return call.call();
				}));
			}
			go.countDown();
			List<AccessTokenOutcome> results = new ArrayList<>();
			for (Future<AccessTokenOutcome> future : futures) {
				results.add(future.get());
			}
			return results;
		}
		finally {
			threads.shutdownNow();
		}
	}

	private static void pause() {
		try {
			Thread.sleep(100);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
