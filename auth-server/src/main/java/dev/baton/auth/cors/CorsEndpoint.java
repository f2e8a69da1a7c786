package dev.baton.auth.cors;

import java.util.List;

/**
 * A protocol endpoint that answers browsers cross-origin.
 *
 * @param methods the methods it takes, which a preflight may ask for
 * @param namesClient whether the request names its client (the token and revocation
 * endpoints): its actual responses are then readable only by origins that client
 * registered, not by any registered origin
 */
record CorsEndpoint(String path, List<String> methods, boolean namesClient) {

	static CorsEndpoint ofClient(String path) {
		return new CorsEndpoint(path, List.of("POST"), true);
	}

	static CorsEndpoint ofAnyClient(String path, String... methods) {
		return new CorsEndpoint(path, List.of(methods), false);
	}

}
