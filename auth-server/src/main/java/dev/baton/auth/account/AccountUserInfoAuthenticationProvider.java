package dev.baton.auth.account;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import dev.baton.auth.refresh.TokenFamilyService;
import dev.baton.auth.token.TokenClaims;
import dev.baton.auth.user.UserAccount;
import dev.baton.auth.user.UserAccountRepository;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcUserInfoAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The UserInfo endpoint (OIDC Core §5.3) answered from {@code user_account}, for access
 * tokens whose family still stands: a token of a revoked session gets
 * {@code invalid_token}, like an expired one. Claims follow the granted scopes (§5.4):
 * {@code sub} (the account id, the same as in the ID token, §5.3.2) always, {@code name}
 * and {@code preferred_username} with {@code profile}, {@code email} and
 * {@code email_verified} with {@code email}.
 */
public final class AccountUserInfoAuthenticationProvider implements AuthenticationProvider {

	private final UserAccountRepository accounts;

	private final TokenFamilyService families;

	public AccountUserInfoAuthenticationProvider(UserAccountRepository accounts, TokenFamilyService families) {
		this.accounts = accounts;
		this.families = families;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		OidcUserInfoAuthenticationToken request = (OidcUserInfoAuthenticationToken) authentication;
		if (!(request.getPrincipal() instanceof JwtAuthenticationToken bearer) || !bearer.isAuthenticated()) {
			throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_TOKEN);
		}
		Jwt jwt = bearer.getToken();
		String familyId = TokenClaims.sessionId(jwt);
		if (familyId == null || !this.families.isActive(familyId)) {
			throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_TOKEN);
		}
		Set<String> scopes = TokenClaims.scopes(jwt);
		if (!scopes.contains(OidcScopes.OPENID)) {
			throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INSUFFICIENT_SCOPE);
		}
		UserAccount account = this.accounts.findById(jwt.getSubject())
			.filter(UserAccount::enabled)
			.orElseThrow(() -> new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_TOKEN));
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("sub", account.id());
		if (scopes.contains(OidcScopes.PROFILE)) {
			claims.put("preferred_username", account.username());
			claims.put("name", account.displayName());
		}
		if (scopes.contains(OidcScopes.EMAIL) && account.email() != null) {
			claims.put("email", account.email());
			claims.put("email_verified", account.emailVerified());
		}
		return new OidcUserInfoAuthenticationToken(bearer, new OidcUserInfo(claims));
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return OidcUserInfoAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
