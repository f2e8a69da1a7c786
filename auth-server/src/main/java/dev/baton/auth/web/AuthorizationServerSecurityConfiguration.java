package dev.baton.auth.web;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import dev.baton.auth.account.AccountUserInfoAuthenticationProvider;
import dev.baton.auth.audit.AuditLog;
import dev.baton.auth.client.ClientSecretEncoder;
import dev.baton.auth.code.HashingAuthorizationService;
import dev.baton.auth.consent.ConsentSubmissions;
import dev.baton.auth.database.DatabaseProperties;
import dev.baton.auth.database.RetryingAuthenticationProvider;
import dev.baton.auth.database.TransactionRetry;
import dev.baton.auth.keys.SigningKeySet;
import dev.baton.auth.mfa.SecondFactors;
import dev.baton.auth.refresh.FamilyAwareTokenIntrospectionAuthenticationProvider;
import dev.baton.auth.refresh.FamilyRevokingTokenRevocationAuthenticationProvider;
import dev.baton.auth.refresh.RefreshTokenRepository;
import dev.baton.auth.refresh.RefreshTokenRotator;
import dev.baton.auth.refresh.RotatingRefreshTokenAuthenticationProvider;
import dev.baton.auth.refresh.TokenFamilyRepository;
import dev.baton.auth.refresh.TokenFamilyService;
import dev.baton.auth.registration.RegistrationProperties;
import dev.baton.auth.session.BrowserSignOut;
import dev.baton.auth.session.EndSessionRequests;
import dev.baton.auth.signin.SignInThrottle;
import dev.baton.auth.support.BatonMeters;
import dev.baton.auth.support.BatonServerProperties;
import dev.baton.auth.token.AuthenticationMethods;
import dev.baton.auth.user.UserAccountRepository;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.web.authentication.ClientSecretBasicAuthenticationConverter;
import org.springframework.security.oauth2.server.authorization.web.authentication.ClientSecretPostAuthenticationConverter;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2AuthorizationCodeAuthenticationConverter;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2ClientCredentialsAuthenticationConverter;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2RefreshTokenAuthenticationConverter;
import org.springframework.security.oauth2.server.authorization.web.authentication.PublicClientAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.preauth.AbstractPreAuthenticatedProcessingFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * The protocol endpoints: Spring Security's authorization server, with Baton's storage, token generator and
 * providers plugged in where the framework's defaults fall short. Only the grants of DESIGN.md are enabled
 * (authorization code with PKCE, refresh token, client credentials); device code and token exchange are removed,
 * as are client authentication by JWT assertion or certificate.
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerSecurityConfiguration {

	@Bean
	AuthorizationServerSettings authorizationServerSettings(BatonServerProperties properties) {
		return AuthorizationServerSettings.builder().issuer(properties.issuer()).build();
	}

	@Bean
	@Order(1)
	SecurityFilterChain authorizationServerFilterChain(HttpSecurity http, AuthorizationServerSettings settings,
			RegisteredClientRepository clients, HashingAuthorizationService authorizationService,
			OAuth2TokenGenerator<? extends OAuth2Token> tokenGenerator,
			RefreshTokenRotator rotator, BatonMeters meters, RefreshTokenRepository refreshTokens,
			TokenFamilyRepository familyRepository, TokenFamilyService families, JwtDecoder accessTokenDecoder,
			UserAccountRepository accounts, SigningKeySet keySet, RegistrationProperties registration, Clock clock,
			TransactionRetry transactions, DatabaseProperties database, CsrfTokenRepository csrfTokens,
			SignInThrottle throttle, AuditLog auditLog, EndSessionRequests endSessionRequests,
			BrowserSignOut browserSignOut, SecondFactors secondFactors) throws Exception {
		ClientSecretEncoder secretEncoder = new ClientSecretEncoder();
		AuthenticationProvider refreshProvider = new RotatingRefreshTokenAuthenticationProvider(rotator, tokenGenerator,
				meters, transactions);
		AuthenticationProvider revocation = new RetryingAuthenticationProvider(
				new FamilyRevokingTokenRevocationAuthenticationProvider(refreshTokens, familyRepository, families,
						accessTokenDecoder),
				transactions);
		AuthenticationProvider introspection = new FamilyAwareTokenIntrospectionAuthenticationProvider(
				accessTokenDecoder, refreshTokens, families, clients, clock);
		AuthenticationProvider userInfo = new DatabaseFailureMappingAuthenticationProvider(
				new AccountUserInfoAuthenticationProvider(accounts, families));
		EndSessionEndpoint endSession = new EndSessionEndpoint(endSessionRequests, browserSignOut);
		var clientEndpoints = new OrRequestMatcher(
				PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, settings.getTokenEndpoint()),
				PathPatternRequestMatcher.withDefaults()
					.matcher(HttpMethod.POST, settings.getTokenIntrospectionEndpoint()),
				PathPatternRequestMatcher.withDefaults()
					.matcher(HttpMethod.POST, settings.getTokenRevocationEndpoint()));
		http.oauth2AuthorizationServer((as) -> http.securityMatcher(as.getEndpointsMatcher()));
		AuthorizationErrorResponseHandler authorizationErrors = new AuthorizationErrorResponseHandler(clients,
				settings.getIssuer());
		// Ahead of the framework's authorization endpoint (added before the same filter, later).
		PromptRedirects promptRedirects = new PromptRedirects(clients,
				settings.getIssuer() + settings.getAuthorizationEndpoint());
		http.addFilterBefore(new AuthorizationPromptFilter(settings.getAuthorizationEndpoint(), promptRedirects,
				authorizationErrors, clock), AbstractPreAuthenticatedProcessingFilter.class);
		// After the prompt filter (same anchor, added later): the second factor of the sign-in that goes on.
		http.addFilterBefore(new SecondFactorStepFilter(settings.getAuthorizationEndpoint(), clients, secondFactors,
				promptRedirects, authorizationErrors), AbstractPreAuthenticatedProcessingFilter.class);
		http
			// First registered wins: these go ahead of the framework's bare 401 and login redirects.
			.exceptionHandling((exceptions) -> exceptions
				.defaultAuthenticationEntryPointFor(
						(request, response, ex) -> OAuthErrorResponses.writeInvalidClient(response), clientEndpoints)
				.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
						PathPatternRequestMatcher.withDefaults().matcher(settings.getAuthorizationEndpoint())))
			.oauth2AuthorizationServer((as) -> as.registeredClientRepository(clients)
				.authorizationService(authorizationService)
				.tokenGenerator(tokenGenerator)
				.clientAuthentication((clientAuthentication) -> clientAuthentication
					.authenticationConverters((converters) -> {
						converters.removeIf((converter) -> !(converter instanceof ClientSecretBasicAuthenticationConverter
								|| converter instanceof ClientSecretPostAuthenticationConverter
								|| converter instanceof PublicClientAuthenticationConverter));
						converters.add(new PublicClientRefreshAuthenticationConverter(settings.getTokenEndpoint(),
								settings.getTokenRevocationEndpoint()));
					})
					.authenticationProviders((providers) -> {
						providers.removeIf((provider) -> !(provider instanceof ClientSecretAuthenticationProvider
								|| provider.getClass().getSimpleName().equals("PublicClientAuthenticationProvider")));
						providers.replaceAll((provider) -> {
							if (provider instanceof ClientSecretAuthenticationProvider secrets) {
								secrets.setPasswordEncoder(secretEncoder);
								return new ThrottlingClientSecretAuthenticationProvider(secrets, clients, throttle,
										auditLog);
							}
							return provider;
						});
						providers.add(0, new PublicClientRefreshAuthenticationProvider(clients));
					})
					.errorResponseHandler(new ClientAuthenticationFailureHandler()))
				.authorizationEndpoint((authorization) -> authorization.consentPage("/oauth2/consent")
					.authorizationResponseHandler(new IssuerAuthorizationResponseHandler(settings.getIssuer()))
					.errorResponseHandler(authorizationErrors)
					.authenticationProviders((providers) -> providers
					.forEach((provider) -> {
						if (provider instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider requests) {
							requests.setAuthenticationValidator(new AuthorizationRequestValidator(accounts));
							requests.setAuthorizationConsentRequired(new PromptConsentRule());
						}
					})))
				.tokenEndpoint((token) -> token
					.accessTokenRequestConverters((converters) -> converters
						.removeIf((converter) -> !(converter instanceof OAuth2AuthorizationCodeAuthenticationConverter
								|| converter instanceof OAuth2RefreshTokenAuthenticationConverter
								|| converter instanceof OAuth2ClientCredentialsAuthenticationConverter)))
					.authenticationProviders((providers) -> {
						providers.removeIf((provider) -> !(provider instanceof OAuth2AuthorizationCodeAuthenticationProvider
								|| provider instanceof OAuth2ClientCredentialsAuthenticationProvider));
						// Redeeming a code is a racing write too (RFC 6749 §4.1.2: once only).
						providers.replaceAll((provider) -> new RetryingAuthenticationProvider(provider, transactions));
						providers.add(refreshProvider);
					}))
				.tokenIntrospectionEndpoint((endpoint) -> endpoint.authenticationProviders((providers) -> {
					providers.clear();
					providers.add(introspection);
				}))
				.tokenRevocationEndpoint((endpoint) -> endpoint.authenticationProviders((providers) -> {
					providers.clear();
					providers.add(revocation);
				}))
				.authorizationServerMetadataEndpoint((metadata) -> metadata.authorizationServerMetadataCustomizer(
						(builder) -> builder.claims((claims) -> DiscoveryMetadata.customize(claims, keySet, registration))))
				.oidc((oidc) -> oidc
					.providerConfigurationEndpoint((configuration) -> configuration.providerConfigurationCustomizer(
							(builder) -> builder.claims((claims) -> DiscoveryMetadata.customize(claims, keySet, registration))))
					.userInfoEndpoint((endpoint) -> endpoint.authenticationProviders((providers) -> {
						providers.clear();
						providers.add(userInfo);
					}).errorResponseHandler(new BearerTokenErrorResponseHandler(
							Math.max(1, database.unavailableRetryAfter().toSeconds()))))
					.logoutEndpoint((logout) -> logout
						.logoutRequestConverters((converters) -> {
							converters.clear();
							converters.add(endSession);
						})
						.authenticationProviders((providers) -> {
							providers.clear();
							providers.add(endSession);
						})
						.logoutResponseHandler(endSession)
						.errorResponseHandler(endSession))))
			.authorizeHttpRequests((authorize) -> authorize.anyRequest().authenticated())
			// The framework exempts every protocol endpoint from CSRF; consent submissions get it back.
			.csrf((csrf) -> csrf.csrfTokenRepository(csrfTokens).withObjectPostProcessor(new ObjectPostProcessor<CsrfFilter>() {
				@Override
				public <O extends CsrfFilter> O postProcess(O filter) {
					filter.setRequireCsrfProtectionMatcher(
							ConsentSubmissions.matcher(settings.getAuthorizationEndpoint()));
					return filter;
				}
			}));
		return http.build();
	}

	/** Keeps discovery honest about what Baton supports (RFC 8414 §2, OIDC Discovery §3). */
	static final class DiscoveryMetadata {

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
				claims.put("id_token_signing_alg_values_supported", List.of(keySet.activeKey().algorithm().jwsAlgorithm().getName()));
			}
			claims.put("scopes_supported", List.of("openid", "profile", "email", "offline_access"));
			if (registration.enabled()) {
				claims.put("registration_endpoint", claims.get("issuer") + RegistrationProperties.PATH);
			}
			// OIDC Discovery §3: what ID tokens and userinfo may carry.
			claims.put("claims_supported", List.of("iss", "sub", "aud", "exp", "iat", "auth_time", "nonce", "sid",
					"azp", "name", "preferred_username", "email", "email_verified", "amr", "acr"));
			// RFC 9207 §3: every authorization response carries iss (IssuerAuthorizationResponseHandler).
			claims.put("authorization_response_iss_parameter_supported", true);
			// OpenID Connect Back-Channel Logout 1.0 §2.1: logout tokens go to each client's backchannel_logout_uri
			// and always carry sid (dev.baton.auth.backchannel).
			claims.put("backchannel_logout_supported", true);
			claims.put("backchannel_logout_session_supported", true);
			// OIDC Discovery §3: the acr values Baton's ID tokens carry ("1" one factor, "2" two; see
			// token.AuthenticationMethods); acr_values=2 asks for the second factor.
			claims.put("acr_values_supported", AuthenticationMethods.ACR_VALUES_SUPPORTED);
		}

	}

}
