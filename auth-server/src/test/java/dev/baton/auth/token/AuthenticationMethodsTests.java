package dev.baton.auth.token;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The factor authorities of a sign-in as RFC 8176 {@code amr} and Baton's {@code acr}
 * levels.
 */
class AuthenticationMethodsTests {

	private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	@Test
	void ofWhenPasswordOnlyThenPwdAndLevelOne() {
		Set<String> methods = AuthenticationMethods.of(signIn(FactorGrantedAuthority.PASSWORD_AUTHORITY));

		assertThat(AuthenticationMethods.amr(methods)).containsExactly("pwd");
		assertThat(AuthenticationMethods.acr(methods)).isEqualTo("1");
	}

	@Test
	void ofWhenPasswordAndOtpThenPwdOtpMfaAndLevelTwo() {
		Set<String> methods = AuthenticationMethods
			.of(signIn(FactorGrantedAuthority.PASSWORD_AUTHORITY, AuthenticationMethods.OTP_AUTHORITY));

		assertThat(AuthenticationMethods.amr(methods)).containsExactly("pwd", "otp", "mfa");
		assertThat(AuthenticationMethods.acr(methods)).isEqualTo("2");
	}

	@Test
	void userPrincipalWhenRebuiltFromStoredMethodsThenSameFactorsAndAuthTime() {
		Authentication principal = TokenAttributes.userPrincipal("id-1", NOW, Set.of("pwd", "otp"));

		assertThat(AuthenticationMethods.hasSecondFactor(principal)).isTrue();
		assertThat(AuthenticationMethods.of(principal)).containsExactly("pwd", "otp");
		assertThat(TokenAttributes.authenticationTime(principal)).hasValue(NOW);
		assertThat(AuthenticationMethods.of(TokenAttributes.userPrincipal("id-1", NOW))).containsExactly("pwd");
	}

	private static Authentication signIn(String... factors) {
		List<GrantedAuthority> authorities = java.util.Arrays.stream(factors)
			.map((factor) -> (GrantedAuthority) FactorGrantedAuthority.withAuthority(factor).issuedAt(NOW).build())
			.toList();
		return UsernamePasswordAuthenticationToken.authenticated("alice", null, authorities);
	}

}
