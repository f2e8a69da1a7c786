package dev.baton.resource.bench;

import java.time.Instant;
import java.util.List;

import dev.baton.resource.me.CallerView;

import org.springframework.context.annotation.Profile;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/public/me-baseline}: the unauthenticated twin of {@code /api/me} for
 * the benchmark. It builds the same answer from a fixed, already-decoded token, so the
 * difference between the two endpoints is the cost of verifying a token. Only in the
 * {@code bench} profile.
 */
@RestController
@Profile("bench")
class BaselineController {

	private static final Jwt FIXED_TOKEN = Jwt.withTokenValue("baseline")
		.header("alg", "RS256")
		.header("typ", "at+jwt")
		.subject("baseline-subject")
		.claim("client_id", "demo-web")
		.claim("scope", "openid profile notes.read notes.write")
		.audience(List.of("http://localhost:8080"))
		.issuedAt(Instant.parse("2026-01-01T00:00:00Z"))
		.expiresAt(Instant.parse("2026-01-01T00:05:00Z"))
		.build();

	@GetMapping("/api/public/me-baseline")
	CallerView baseline() {
		return CallerView.of(FIXED_TOKEN);
	}

}
