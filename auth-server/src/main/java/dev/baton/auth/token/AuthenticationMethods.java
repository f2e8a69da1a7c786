package dev.baton.auth.token;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;

/**
 * How a user signed in, as the framework's factor authorities of the sign-in and as the
 * RFC 8176 {@code amr} and OpenID Connect Core §2 {@code acr} values of the ID token.
 * <ul>
 * <li>{@code FACTOR_PASSWORD} is {@code pwd}; {@code FACTOR_OTP} (a TOTP code or a
 * recovery code, both one-time passwords) is {@code otp}; {@code FACTOR_WEBAUTHN} (a
 * passkey) is {@code hwk}, proof of possession of a key held by an authenticator; two
 * factors add {@code mfa}.</li>
 * <li>{@code acr} is {@value #ACR_SINGLE_FACTOR} for one factor and
 * {@value #ACR_MULTI_FACTOR} for two; an authorization request with {@code acr_values}
 * containing {@value #ACR_MULTI_FACTOR} asks for the second factor.</li>
 * </ul>
 */
public final class AuthenticationMethods {

	/** The second factor: a TOTP code (RFC 6238) or a recovery code. */
	public static final String OTP_AUTHORITY = "FACTOR_OTP";

	public static final String ACR_SINGLE_FACTOR = "1";

	public static final String ACR_MULTI_FACTOR = "2";

	public static final List<String> ACR_VALUES_SUPPORTED = List.of(ACR_SINGLE_FACTOR, ACR_MULTI_FACTOR);

	static final String PASSWORD = "pwd";

	static final String OTP = "otp";

	static final String PASSKEY = "hwk";

	static final String MULTI_FACTOR = "mfa";

	private AuthenticationMethods() {
	}

	/**
	 * Whether the sign-in has two factors (password, one-time password, passkey: any two
	 * of them).
	 */
	public static boolean hasSecondFactor(Authentication authentication) {
		return of(authentication).size() > 1;
	}

	/**
	 * The RFC 8176 values of the sign-in's factors, in a fixed order, without
	 * {@code mfa}.
	 */
	public static Set<String> of(Authentication authentication) {
		Set<String> methods = new LinkedHashSet<>();
		if (authentication == null) {
			return methods;
		}
		Set<String> authorities = new LinkedHashSet<>();
		for (GrantedAuthority authority : authentication.getAuthorities()) {
			authorities.add(authority.getAuthority());
		}
		if (authorities.contains(FactorGrantedAuthority.PASSWORD_AUTHORITY)) {
			methods.add(PASSWORD);
		}
		if (authorities.contains(OTP_AUTHORITY)) {
			methods.add(OTP);
		}
		if (authorities.contains(FactorGrantedAuthority.WEBAUTHN_AUTHORITY)) {
			methods.add(PASSKEY);
		}
		return methods;
	}

	/**
	 * The {@code amr} claim: the methods, plus {@code mfa} when there are two factors
	 * (RFC 8176 §2).
	 */
	public static List<String> amr(Collection<String> methods) {
		List<String> amr = new ArrayList<>(methods);
		if (methods.size() > 1) {
			amr.add(MULTI_FACTOR);
		}
		return amr;
	}

	/** The {@code acr} claim for the methods. */
	public static String acr(Collection<String> methods) {
		return (methods.size() > 1) ? ACR_MULTI_FACTOR : ACR_SINGLE_FACTOR;
	}

	/**
	 * The factor authorities a stored sign-in had, all issued at its authentication time.
	 */
	static List<GrantedAuthority> factors(Collection<String> methods, Instant authTime) {
		List<GrantedAuthority> factors = new ArrayList<>();
		if (methods.isEmpty() || methods.contains(PASSWORD)) {
			factors.add(FactorGrantedAuthority.withAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY)
				.issuedAt(authTime)
				.build());
		}
		if (methods.contains(OTP)) {
			factors.add(FactorGrantedAuthority.withAuthority(OTP_AUTHORITY).issuedAt(authTime).build());
		}
		if (methods.contains(PASSKEY)) {
			factors.add(FactorGrantedAuthority.withAuthority(FactorGrantedAuthority.WEBAUTHN_AUTHORITY)
				.issuedAt(authTime)
				.build());
		}
		return factors;
	}

}
