package dev.baton.resource.me;

import java.time.Instant;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/public/me-baseline}: the unauthenticated twin of {@code /api/me} for the benchmark. It builds the
 * same answer from a fixed, already-decoded token, so the difference between the two endpoints is the cost of
 * verifying a token. Off unless {@code baton.resource.baseline-endpoint=true}.
 */
@RestController
@ConditionalOnBooleanProperty("baton.resource.baseline-endpoint")
class BaselineController {

	private static final Jwt FIXED_TOKEN = Jwt.withTokenValue("baseline")
		.header("alg", "RS256")
		.header("typ", "at+jwt")
		.subject("baseline-subject")
		.claim("client_id", "demo-web")
		.claim("scope", "openid profile notes.read notes.write")
		.audience(java.util.List.of("http://localhost:8080"))
		.issuedAt(Instant.parse("2026-01-01T00:00:00Z"))
		.expiresAt(Instant.parse("2026-01-01T00:05:00Z"))
		.build();

	@GetMapping("/api/public/me-baseline")
	CallerView baseline() {
		return CallerView.of(FIXED_TOKEN);
	}

}
