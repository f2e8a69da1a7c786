package dev.baton.auth.web;

import java.util.List;
import java.util.Map;

import dev.baton.auth.keys.SigningKeySet;
import dev.baton.auth.registration.RegistrationProperties;
import dev.baton.auth.token.AuthenticationMethods;
import dev.baton.auth.token.TokenClaims;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/** Keeps discovery honest about what Baton supports (RFC 8414 §2, OIDC Discovery §3). */
final class DiscoveryMetadata {

	private DiscoveryMetadata() {
	}

	static void customize(Map<String, Object> claims, SigningKeySet keySet, RegistrationProperties registration) {
		claims.put("grant_types_supported", List.of(AuthorizationGrantType.AUTHORIZATION_CODE.getValue(),
				AuthorizationGrantType.REFRESH_TOKEN.getValue(), AuthorizationGrantType.CLIENT_CREDENTIALS.getValue()));
		List<String> clientMethods = List.of(ClientAuthenticationMethod.CLIENT_SECRET_BASIC.getValue(),
				ClientAuthenticationMethod.CLIENT_SECRET_POST.getValue(), ClientAuthenticationMethod.NONE.getValue());
		claims.put("token_endpoint_auth_methods_supported", clientMethods);
		claims.put("revocation_endpoint_auth_methods_supported", clientMethods);
		claims.put("introspection_endpoint_auth_methods_supported", clientMethods.subList(0, 2));
		claims.put("code_challenge_methods_supported", List.of("S256"));
		claims.put("response_modes_supported", List.of("query"));
		claims.remove("dpop_signing_alg_values_supported");
		claims.remove("tls_client_certificate_bound_access_tokens");
		claims.remove("device_authorization_endpoint");
		claims.remove("pushed_authorization_request_endpoint");
		claims.remove("require_pushed_authorization_requests");
		if (claims.containsKey("id_token_signing_alg_values_supported")) {
			claims.put("id_token_signing_alg_values_supported",
					List.of(keySet.activeKey().algorithm().jwsAlgorithm().getName()));
		}
		claims.put("scopes_supported", List.of("openid", "profile", "email", "offline_access"));
		if (registration.enabled()) {
			claims.put("registration_endpoint", claims.get("issuer") + RegistrationProperties.PATH);
		}
		// OIDC Discovery §3: what ID tokens and userinfo may carry.
		claims.put("claims_supported", List.of("iss", "sub", "aud", "exp", "iat", "auth_time", "nonce",
				TokenClaims.SESSION_ID, "azp", "name", "preferred_username", "email", "email_verified", "amr", "acr"));
		// RFC 9207 §3: every authorization response carries iss
		// (IssuerAuthorizationResponseHandler).
		claims.put("authorization_response_iss_parameter_supported", true);
		// OpenID Connect Back-Channel Logout 1.0 §2.1: logout tokens go to each client's
		// backchannel_logout_uri
		// and always carry sid (dev.baton.auth.backchannel).
		claims.put("backchannel_logout_supported", true);
		claims.put("backchannel_logout_session_supported", true);
		// OIDC Discovery §3: the acr values Baton's ID tokens carry ("1" one factor, "2"
		// two; see
		// token.AuthenticationMethods); acr_values=2 asks for the second factor.
		claims.put("acr_values_supported", AuthenticationMethods.ACR_VALUES_SUPPORTED);
	}

}
