package dev.baton.auth.web;

import java.util.List;
import java.util.Set;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.oauth2.server.authorization.oidc.web.OidcLogoutEndpointFilter;
import org.springframework.security.oauth2.server.authorization.oidc.web.OidcProviderConfigurationEndpointFilter;
import org.springframework.security.oauth2.server.authorization.oidc.web.OidcUserInfoEndpointFilter;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.web.NimbusJwkSetEndpointFilter;
import org.springframework.security.oauth2.server.authorization.web.OAuth2AuthorizationEndpointFilter;
import org.springframework.security.oauth2.server.authorization.web.OAuth2AuthorizationServerMetadataEndpointFilter;
import org.springframework.security.oauth2.server.authorization.web.OAuth2TokenIntrospectionEndpointFilter;
import org.springframework.security.oauth2.server.authorization.web.OAuth2TokenRevocationEndpointFilter;
import org.springframework.security.oauth2.server.resource.web.OAuth2ProtectedResourceMetadataFilter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.DefaultSecurityFilterChain;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.logout.LogoutFilter;
import org.springframework.security.web.context.request.async.WebAsyncManagerIntegrationFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.savedrequest.RequestCacheAwareFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.servletapi.SecurityContextHolderAwareRequestFilter;
import org.springframework.security.web.session.DisableEncodeUrlFilter;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The token endpoint's own filter chain, ahead of every other: the authorization server's
 * filters, the very instances of {@code authorizationServerFilterChain}, minus those that
 * never act on a token request. A token request is the hottest path of Baton, and in the
 * full chain it passed through 27 filters, each matching its own endpoint, and a stack of
 * request wrappers; 8 of them do the work (security context, issuer, response headers,
 * client authentication, anonymous, exception translation, authorization, the token
 * endpoint itself). Every answer stays the framework's: the same converters, providers,
 * error handlers and headers (docs/PERFORMANCE.md has the figures).
 * <p>
 * Only a {@code POST} to the token endpoint whose {@code Authorization} header is absent
 * or {@code Basic} takes this chain; anything else (a bearer or DPoP authorization
 * scheme, say) keeps the full one. A filter is dropped only when listed in
 * {@link #NOT_ACTING_ON_TOKEN_REQUESTS}, so a filter a framework upgrade adds is kept.
 */
@Configuration(proxyBeanMethods = false)
class TokenRequestFilterChain {

	/**
	 * Filters of the authorization server's chain that leave a token request untouched:
	 * other endpoints' filters (each matches only its own path), the browser-session ones
	 * (CSRF is off at the token endpoint, no request is saved or restored, no URL
	 * encoded), the servlet-API wrapper and async integration no token request uses, and
	 * bearer authentication, which this chain's matcher excludes.
	 */
	static final Set<Class<?>> NOT_ACTING_ON_TOKEN_REQUESTS = Set.of(DisableEncodeUrlFilter.class,
			WebAsyncManagerIntegrationFilter.class, CsrfFilter.class, OidcLogoutEndpointFilter.class,
			LogoutFilter.class, AuthorizationPromptFilter.class, SecondFactorStepFilter.class,
			OAuth2AuthorizationServerMetadataEndpointFilter.class, OidcProviderConfigurationEndpointFilter.class,
			NimbusJwkSetEndpointFilter.class, OAuth2ProtectedResourceMetadataFilter.class,
			BearerTokenAuthenticationFilter.class, RequestCacheAwareFilter.class,
			SecurityContextHolderAwareRequestFilter.class, OAuth2AuthorizationEndpointFilter.class,
			OAuth2TokenIntrospectionEndpointFilter.class, OAuth2TokenRevocationEndpointFilter.class,
			OidcUserInfoEndpointFilter.class);

	@Bean
	@Order(0)
	SecurityFilterChain tokenRequestChain(
			@Qualifier("authorizationServerFilterChain") SecurityFilterChain authorizationServer,
			AuthorizationServerSettings settings) {
		RequestMatcher tokenRequests = new AndRequestMatcher(
				PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, settings.getTokenEndpoint()),
				TokenRequestFilterChain::basicOrNoAuthorization);
		return new DefaultSecurityFilterChain(tokenRequests, actingOnTokenRequests(authorizationServer.getFilters()));
	}

	static List<Filter> actingOnTokenRequests(List<Filter> filters) {
		return filters.stream().filter((filter) -> !notActing(filter.getClass())).toList();
	}

	/**
	 * Listed, or nested in a listed filter (the authorization endpoint's request
	 * validator).
	 */
	private static boolean notActing(Class<?> type) {
		return NOT_ACTING_ON_TOKEN_REQUESTS.contains(type) || (type.getEnclosingClass() != null
				&& NOT_ACTING_ON_TOKEN_REQUESTS.contains(type.getEnclosingClass()));
	}

	private static boolean basicOrNoAuthorization(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		return authorization == null || authorization.regionMatches(true, 0, "Basic ", 0, 6);
	}

}
