package dev.baton.auth.keys;

import java.util.List;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.stereotype.Component;

/**
 * The public half of the signing key set, for the JWKS endpoint and Baton's own token
 * verification. Every entry carries {@code kid}, {@code use: sig} and {@code alg}; no
 * private or symmetric material ever leaves here.
 */
@Component
public class DatabaseJwkSource implements JWKSource<SecurityContext> {

	private final SigningKeySet keySet;

	public DatabaseJwkSource(SigningKeySet keySet) {
		this.keySet = keySet;
	}

	@Override
	public List<JWK> get(JWKSelector selector, SecurityContext context) {
		List<JWK> matches = selector.select(publicKeys(this.keySet.publishedKeys()));
		String requestedKid = (selector.getMatcher().getKeyIDs() != null
				&& selector.getMatcher().getKeyIDs().size() == 1) ? selector.getMatcher().getKeyIDs().iterator().next()
						: null;
		if (matches.isEmpty() && requestedKid != null) {
			// Perhaps a key created by another node since this node last read the key
			// set.
			matches = selector.select(publicKeys(this.keySet.reloadForUnknownKey()));
		}
		return matches;
	}

	private static JWKSet publicKeys(List<SigningKey> keys) {
		return new JWKSet(keys.stream().map((key) -> key.jwk().toPublicJWK()).toList());
	}

}
