package dev.baton.auth.keys;

import java.time.Duration;
import java.util.Objects;
import java.util.stream.Stream;

import dev.baton.auth.client.ClientRepository;
import dev.baton.auth.token.TokenProperties;

import org.springframework.stereotype.Component;

/**
 * The longest a JWT signed now can stay valid: the largest of the access-token lifetime,
 * every client's access-token and ID-token overrides and the ID-token lifetime, plus the
 * clock skew verifiers allow after {@code exp}. A retired key stays published this long,
 * so every token it signed verifies until it expires.
 */
@Component
class TokenLifetimeBound {

	/** Spring Security's default skew is 60 s, the demo resource server's 30 s. */
	static final Duration VERIFIER_CLOCK_SKEW = Duration.ofMinutes(1);

	private final TokenProperties tokenProperties;

	private final ClientRepository clients;

	TokenLifetimeBound(TokenProperties tokenProperties, ClientRepository clients) {
		this.tokenProperties = tokenProperties;
		this.clients = clients;
	}

	Duration maxTokenLifetime() {
		Duration longest = Stream
			.concat(Stream.of(this.tokenProperties.accessTokenTtl(), this.tokenProperties.idTokenTtl()),
					this.clients.findAll()
						.stream()
						.flatMap((client) -> Stream.of(client.accessTokenTtl(), client.idTokenTtl()))
						.filter(Objects::nonNull))
			.max(Duration::compareTo)
			.orElseThrow();
		return longest.plus(VERIFIER_CLOCK_SKEW);
	}

}
