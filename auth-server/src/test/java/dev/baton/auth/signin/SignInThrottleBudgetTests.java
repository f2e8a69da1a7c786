package dev.baton.auth.signin;

import java.time.Duration;
import java.util.List;

import dev.baton.auth.audit.AuditLog;
import dev.baton.auth.audit.JdbcAuditEventRepository;
import dev.baton.auth.crypto.TokenHash;
import dev.baton.auth.session.BrowserCookie;
import dev.baton.auth.testsupport.InMemoryDatabase;
import dev.baton.auth.testsupport.MutableClock;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The figures of docs/SECURITY.md, measured: the real throttle, provider and tables (H2),
 * the default {@code baton.sign-in.*}, a clock moved five seconds per attempt. The
 * attacker guesses {@code alice}'s password every five seconds (faster only meets the
 * lock) from a new IP every time (and without her browser cookie); the budget is the
 * number of guesses whose password was actually checked. Meanwhile the owner signs in
 * from the browser she used before.
 */
class SignInThrottleBudgetTests {

	private static final String OWNER_BROWSER = "b".repeat(43);

	private final InMemoryDatabase db = InMemoryDatabase.migrated();

	private final MutableClock clock = MutableClock.startingAtNewYear();

	private int passwordChecks;

	private final AuthenticationProvider passwords = new AuthenticationProvider() {
		@Override
		public org.springframework.security.core.Authentication authenticate(
				org.springframework.security.core.Authentication authentication) {
			SignInThrottleBudgetTests.this.passwordChecks++;
			if ("right password".equals(authentication.getCredentials())) {
				return UsernamePasswordAuthenticationToken.authenticated(authentication.getName(), null, List.of());
			}
			throw new BadCredentialsException("Bad credentials");
		}

		@Override
		public boolean supports(Class<?> authentication) {
			return true;
		}
	};

	private final KnownBrowsers knownBrowsers = new KnownBrowsers(new JdbcKnownBrowserRepository(this.db.jdbc()),
			TestSignInThrottles.DEFAULTS, this.clock);

	private final ThrottlingAuthenticationProvider provider = new ThrottlingAuthenticationProvider(this.passwords,
			TestSignInThrottles.throttle(this.db.jdbc(), this.clock), this.knownBrowsers,
			new AuditLog(new JdbcAuditEventRepository(this.db.jdbc()), this.clock),
			TestSignInThrottles.accounts(this.db.jdbc(), "alice"));

	@AfterEach
	void shutdown() {
		RequestContextHolder.resetRequestAttributes();
		this.db.shutdown();
	}

	@Test
	void signInWhenAttackerRotatesIpsForADayThenFewGuessesAndOwnerStillSignsIn() {
		this.knownBrowsers.remember("alice", java.util.Optional.of(TokenHash.of(OWNER_BROWSER)));
		int[] perHour = new int[24];
		int ownerRefused = 0;
		for (int second = 0; second < 24 * 3600; second += 5) {
			int before = this.passwordChecks;
			signIn("alice", "guess " + second,
					"10." + (second >> 16 & 255) + "." + (second >> 8 & 255) + "." + (second & 255), null);
			perHour[second / 3600] += this.passwordChecks - before;
			if (second % 900 == 450 && !signIn("alice", "right password", "192.0.2.10", OWNER_BROWSER)) {
				ownerRefused++;
			}
			this.clock.advance(Duration.ofSeconds(5));
		}
		int total = java.util.Arrays.stream(perHour).sum();
		System.out.printf(
				"Sign-in budget, rotating IPs, 1 guess every 5 s: first hour %d, second hour %d, 24 h %d guesses "
						+ "checked; owner from her browser refused %d of 96 times%n",
				perHour[0], perHour[1], total, ownerRefused);
		assertThat(ownerRefused).isZero();
		assertThat(perHour[0]).isLessThanOrEqualTo(30);
		assertThat(perHour[1]).isLessThanOrEqualTo(5);
		assertThat(total).isLessThanOrEqualTo(125);
	}

	@Test
	void signInWhenOwnerUsesANewBrowserDuringTheAttackThenLockedAsEveryoneElse() {
		for (int i = 0; i < 20; i++) {
			signIn("alice", "guess " + i, "10.0.0." + i, null);
		}

		assertThat(signIn("alice", "right password", "192.0.2.10", "n".repeat(43))).isFalse();
		assertThat(signIn("alice", "right password", "192.0.2.10", OWNER_BROWSER)).isFalse();
		this.knownBrowsers.remember("alice", java.util.Optional.of(TokenHash.of(OWNER_BROWSER)));
		assertThat(signIn("alice", "right password", "192.0.2.10", OWNER_BROWSER)).isTrue();
	}

	private boolean signIn(String username, String password, String ip, String browserCookie) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/login");
		request.setRemoteAddr(ip);
		if (browserCookie != null) {
			request.setCookies(new Cookie(BrowserCookie.NAME, browserCookie));
		}
		RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
		try {
			this.provider.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(username, password));
			return true;
		}
		catch (AuthenticationException ex) {
			return false;
		}
	}

}
